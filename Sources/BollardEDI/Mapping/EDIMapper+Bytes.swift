import Crypto

extension EDIMapper {
    /// Reads and maps a whole document held in memory: sniffs the standard, runs the envelope
    /// checks, takes the SHA-256 that identifies the document, maps every message. Nil when the
    /// bytes are neither EDIFACT nor X12.
    public func map(_ bytes: [UInt8]) -> EDIMappedDocument? {
        guard let report = EDIParser.read(bytes) else { return nil }
        return map(bytes, report: report, documentSHA256: Self.sha256Hex(bytes))
    }

    /// Lower-case hex SHA-256: the form of `SourcePointer.documentSHA256` and the intake's id.
    public static func sha256Hex(_ bytes: [UInt8]) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(64)
        for b in SHA256.hash(data: bytes) {
            out.append(digits[Int(b >> 4)])
            out.append(digits[Int(b & 0x0F)])
        }
        return String(decoding: out, as: UTF8.self)
    }
}
