/// Byte-level substring tests. `String.contains(_:)` on Linux goes through Foundation's
/// NSString search; these run on the UTF-8 storage directly and sit on the hash's hot path.
extension String {
    @inline(__always)
    func utf8Contains(_ needle: StaticString) -> Bool {
        let n = needle.utf8CodeUnitCount
        let p = needle.utf8Start
        if let found = utf8.withContiguousStorageIfAvailable({ hay -> Bool in
            guard hay.count >= n, n > 0 else { return n == 0 }
            let first = p[0]
            var i = 0
            let last = hay.count - n
            while i <= last {
                if hay[i] == first {
                    var j = 1
                    while j < n, hay[i + j] == p[j] { j += 1 }
                    if j == n { return true }
                }
                i += 1
            }
            return false
        }) {
            return found
        }
        return Array(utf8).firstRange(of: Array(UnsafeBufferPointer(start: p, count: n))) != nil
    }

    @inline(__always)
    func utf8HasPrefix(_ prefix: StaticString) -> Bool {
        let n = prefix.utf8CodeUnitCount
        let p = prefix.utf8Start
        var i = 0
        for b in utf8 {
            if i == n { return true }
            if b != p[i] { return false }
            i += 1
        }
        return i == n
    }

    @inline(__always)
    func utf8HasSuffix(_ suffix: StaticString) -> Bool {
        let n = suffix.utf8CodeUnitCount
        let p = suffix.utf8Start
        let u = utf8
        guard u.count >= n else { return false }
        var i = n
        for b in u.reversed() {
            if i == 0 { return true }
            i -= 1
            if b != p[i] { return false }
        }
        return i == 0
    }
}
