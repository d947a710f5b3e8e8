/// The character repertoire an interchange declares, and the decoding it implies.
///
/// EDIFACT names it in UNB S001/0001 (ISO 9735-1 §7 and service code list 0001): UNOA and UNOB are
/// ISO 646 subsets, UNOC–UNOK and UNOL are parts of ISO/IEC 8859, UNOW and UNOY are ISO 10646
/// octets (UTF-8). X12 has no such field; its basic and extended character sets are ASCII
/// subsets and, in practice, UTF-8 where trading partners agree. Text is decoded from the
/// declared set, never assumed to be UTF-8.
public enum EDICharacterSet: Sendable, Equatable, Hashable, Codable {
    /// UNOA / UNOB (and the IATA levels IATA/IATB): 7-bit ISO 646.
    case iso646
    /// An ISO/IEC 8859 part (1 = Latin-1 for UNOC, 2 = Latin-2 for UNOD, 5 = Cyrillic for UNOE…).
    case iso8859(part: Int)
    /// UNOW / UNOY, and X12 by convention.
    case utf8

    /// Maps an EDIFACT syntax identifier (0001) to its repertoire; `nil` when it names none Bollard knows.
    public init?(syntaxIdentifier: some Collection<UInt8>) {
        let id = Array(syntaxIdentifier.prefix(5))
        guard id.count == 4 else { return nil }
        switch (id[0], id[1], id[2], id[3]) {
        case (0x55, 0x4E, 0x4F, 0x41), (0x55, 0x4E, 0x4F, 0x42): self = .iso646  // UNOA, UNOB
        case (0x49, 0x41, 0x54, 0x41), (0x49, 0x41, 0x54, 0x42): self = .iso646  // IATA, IATB
        case (0x55, 0x4E, 0x4F, 0x43): self = .iso8859(part: 1)
        case (0x55, 0x4E, 0x4F, 0x44): self = .iso8859(part: 2)
        case (0x55, 0x4E, 0x4F, 0x45): self = .iso8859(part: 5)
        case (0x55, 0x4E, 0x4F, 0x46): self = .iso8859(part: 7)
        case (0x55, 0x4E, 0x4F, 0x47): self = .iso8859(part: 3)
        case (0x55, 0x4E, 0x4F, 0x48): self = .iso8859(part: 4)
        case (0x55, 0x4E, 0x4F, 0x49): self = .iso8859(part: 6)
        case (0x55, 0x4E, 0x4F, 0x4A): self = .iso8859(part: 8)
        case (0x55, 0x4E, 0x4F, 0x4B): self = .iso8859(part: 9)
        case (0x55, 0x4E, 0x4F, 0x4C): self = .iso8859(part: 15)
        case (0x55, 0x4E, 0x4F, 0x57), (0x55, 0x4E, 0x4F, 0x59): self = .utf8
        default: return nil
        }
    }

    /// Decodes already unescaped bytes. Bytes the repertoire does not define become U+FFFD, so a
    /// bad byte is visible in the text instead of silently reinterpreted.
    public func decode(_ bytes: some Collection<UInt8>) -> String {
        // Plain ASCII reads the same in every repertoire named here.
        if bytes.allSatisfy({ $0 < 0x80 }) { return String(decoding: bytes, as: UTF8.self) }
        switch self {
        case .utf8:
            return String(decoding: bytes, as: UTF8.self)
        case .iso646:
            return Self.decodeTable(bytes) { _ in nil }
        case .iso8859(let part):
            let table: [UInt16]?
            switch part {
            case 1: table = nil
            case 2: table = ISO8859UpperHalf.part2
            case 3: table = ISO8859UpperHalf.part3
            case 4: table = ISO8859UpperHalf.part4
            case 5: table = ISO8859UpperHalf.part5
            case 6: table = ISO8859UpperHalf.part6
            case 7: table = ISO8859UpperHalf.part7
            case 8: table = ISO8859UpperHalf.part8
            case 9: table = ISO8859UpperHalf.part9
            case 15: table = ISO8859UpperHalf.part15
            default: table = nil
            }
            return Self.decodeTable(bytes) { byte in
                if byte < 0xA0 { return byte >= 0x80 && part != 1 ? nil : UInt32(byte) }
                guard let table else { return UInt32(byte) }
                let v = table[Int(byte) - 0xA0]
                return v == 0 ? nil : UInt32(v)
            }
        }
    }

    private static func decodeTable(_ bytes: some Collection<UInt8>, high: (UInt8) -> UInt32?) -> String {
        var scalars = String.UnicodeScalarView()
        for byte in bytes {
            if byte < 0x80 {
                scalars.append(Unicode.Scalar(byte))
            } else if let v = high(byte), let s = Unicode.Scalar(v) {
                scalars.append(s)
            } else {
                scalars.append("\u{FFFD}")
            }
        }
        return String(scalars)
    }
}
