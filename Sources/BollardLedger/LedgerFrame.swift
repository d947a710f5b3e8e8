import Crypto

/// How the file ledger store frames each record:
///
///     "BLR1"  length (u32, big-endian)  ~length (u32, big-endian)  record bytes  SHA-256(record)
///
/// The length is written twice (the second copy bit-inverted) so that no single edited byte can
/// make a complete record look like a torn one: a torn write leaves a proper prefix of a frame,
/// which is the only thing `open` truncates. Everything else wrong is corruption and is refused.
enum LedgerFrame {
    static let magic: [UInt8] = Array("BLR1".utf8)
    static let headerLength = 12
    static let trailerLength = 32
    /// Records are a few hundred bytes; anything longer is corruption, not a record.
    static let maxRecordLength = 64 * 1024

    static func encode(_ record: [UInt8]) -> [UInt8] {
        let n = UInt32(record.count)
        var out = magic
        out.reserveCapacity(headerLength + record.count + trailerLength)
        appendBigEndian(n, to: &out)
        appendBigEndian(~n, to: &out)
        out.append(contentsOf: record)
        out.append(contentsOf: SHA256.hash(data: record))
        return out
    }

    enum Scan {
        /// Every complete frame's record and the byte length they cover.
        case complete(records: [[UInt8]], validLength: Int)
        /// Complete frames, then a proper prefix of a frame starting at `validLength`.
        case tornTail(records: [[UInt8]], validLength: Int)
    }

    static func scan(_ bytes: [UInt8]) throws(LedgerError) -> Scan {
        var records: [[UInt8]] = []
        var offset = 0
        while offset < bytes.count {
            let remaining = bytes.count - offset
            let headerPresent = min(remaining, headerLength)
            // The magic is checked on whatever part of it is present.
            for i in 0..<min(headerPresent, magic.count) where bytes[offset + i] != magic[i] {
                throw LedgerError(.corruptStore, "record \(records.count) at byte \(offset): bad frame magic")
            }
            guard remaining >= headerLength else { return .tornTail(records: records, validLength: offset) }
            let n = readBigEndian(bytes, offset + 4)
            let inverted = readBigEndian(bytes, offset + 8)
            guard n == ~inverted else {
                throw LedgerError(.corruptStore, "record \(records.count) at byte \(offset): length copies disagree")
            }
            guard Int(n) <= maxRecordLength else {
                throw LedgerError(.corruptStore, "record \(records.count) at byte \(offset): length \(n) exceeds \(maxRecordLength)")
            }
            let frameLength = headerLength + Int(n) + trailerLength
            guard remaining >= frameLength else { return .tornTail(records: records, validLength: offset) }
            let recordStart = offset + headerLength
            let record = Array(bytes[recordStart..<recordStart + Int(n)])
            let checksum = bytes[(recordStart + Int(n))..<(offset + frameLength)]
            guard checksum.elementsEqual(SHA256.hash(data: record)) else {
                throw LedgerError(.corruptStore, "record \(records.count) at byte \(offset): checksum mismatch")
            }
            records.append(record)
            offset += frameLength
        }
        return .complete(records: records, validLength: offset)
    }

    private static func appendBigEndian(_ v: UInt32, to out: inout [UInt8]) {
        out.append(UInt8(truncatingIfNeeded: v >> 24))
        out.append(UInt8(truncatingIfNeeded: v >> 16))
        out.append(UInt8(truncatingIfNeeded: v >> 8))
        out.append(UInt8(truncatingIfNeeded: v))
    }

    private static func readBigEndian(_ b: [UInt8], _ at: Int) -> UInt32 {
        UInt32(b[at]) << 24 | UInt32(b[at + 1]) << 16 | UInt32(b[at + 2]) << 8 | UInt32(b[at + 3])
    }
}
