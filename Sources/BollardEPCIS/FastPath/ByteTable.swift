/// An open-addressing map from byte strings to entries, for the fast path's interned keys,
/// vocabulary answers and IRI suffixes. A lookup hashes the bytes once and allocates nothing;
/// keys are copied once into one pool when first inserted.
struct ByteTable: Sendable {
    struct Entry: Sendable {
        var start: Int32
        var end: Int32
        var hash: UInt32
        var value: Int32
    }

    private(set) var pool: [UInt8] = []
    private(set) var entries: [Entry] = []
    private var slots: [Int32]
    private var mask: Int

    init(capacity: Int = 64) {
        var size = 16
        while size < capacity * 2 { size <<= 1 }
        slots = [Int32](repeating: -1, count: size)
        mask = size - 1
    }

    var count: Int { entries.count }

    /// FNV-1a: keys are short (member names, vocabulary words), where it beats SipHash by far.
    @inline(__always)
    static func hash(_ key: UnsafeBufferPointer<UInt8>) -> UInt32 {
        var h: UInt32 = 2_166_136_261
        for b in key { h = (h ^ UInt32(b)) &* 16_777_619 }
        return h
    }

    /// The entry index for `key`, or nil.
    @inline(__always)
    func find(_ key: UnsafeBufferPointer<UInt8>, hash h: UInt32) -> Int? {
        var slot = Int(h) & mask
        while true {
            let e = Int(slots[slot])
            if e < 0 { return nil }
            let entry = entries[e]
            if entry.hash == h, Int(entry.end - entry.start) == key.count, equalsPool(Int(entry.start), key) { return e }
            slot = (slot + 1) & mask
        }
    }

    @inline(__always)
    private func equalsPool(_ start: Int, _ key: UnsafeBufferPointer<UInt8>) -> Bool {
        pool.withUnsafeBufferPointer { p in
            guard let a = p.baseAddress, let b = key.baseAddress else { return key.isEmpty }
            var i = 0
            while i < key.count {
                if a[start + i] != b[i] { return false }
                i += 1
            }
            return true
        }
    }

    /// Inserts `key` (known absent) with `value`; returns its entry index.
    @discardableResult
    mutating func insert(_ key: UnsafeBufferPointer<UInt8>, hash h: UInt32, value: Int32) -> Int {
        if (entries.count + 1) * 2 > slots.count { grow() }
        let start = Int32(pool.count)
        pool.append(contentsOf: key)
        entries.append(Entry(start: start, end: Int32(pool.count), hash: h, value: value))
        place(entries.count - 1)
        return entries.count - 1
    }

    mutating func setValue(_ value: Int32, at entry: Int) {
        entries[entry].value = value
    }

    func key(at entry: Int) -> ArraySlice<UInt8> {
        pool[Int(entries[entry].start)..<Int(entries[entry].end)]
    }

    private mutating func place(_ e: Int) {
        var slot = Int(entries[e].hash) & mask
        while slots[slot] >= 0 { slot = (slot + 1) & mask }
        slots[slot] = Int32(e)
    }

    private mutating func grow() {
        slots = [Int32](repeating: -1, count: slots.count * 2)
        mask = slots.count - 1
        for e in entries.indices { place(e) }
    }
}

extension ByteTable {
    /// Lookup by an array's bytes (set-up paths, not the per-value loop).
    func find(_ key: [UInt8]) -> Int? {
        key.withUnsafeBufferPointer { find($0, hash: Self.hash($0)) }
    }

    @discardableResult
    mutating func insert(_ key: [UInt8], value: Int32) -> Int {
        key.withUnsafeBufferPointer { k in
            if let e = find(k, hash: Self.hash(k)) { return e }
            return insert(k, hash: Self.hash(k), value: value)
        }
    }
}
