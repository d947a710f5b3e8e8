/// The encodings Bollard accepts, decided from the byte order mark and the XML declaration
/// before libxml2 sees the bytes (XML 1.0 §4.3.3 and Appendix F).
///
/// Only encodings libxml2 converts with its own built-in code are accepted: UTF-8, UTF-16 with a
/// byte order mark (the BOM is mandatory for UTF-16, §4.3.3), ISO-8859-1 and US-ASCII. Anything
/// else (UTF-32, EBCDIC, Shift_JIS, UTF-7...) would go through iconv, widens the attack surface,
/// and is not used by the trading partners Bollard serves; it is refused with `.encoding`.
enum DocumentEncoding: Equatable {
    case utf8
    case utf16LittleEndian
    case utf16BigEndian
    /// ISO-8859-1 or US-ASCII: one byte per character, ASCII-compatible.
    case singleByte

    /// Reads the BOM and the `encoding` pseudo-attribute of the XML declaration.
    static func detect(_ bytes: UnsafeBufferPointer<UInt8>) -> Result<DocumentEncoding, DetectionFailure> {
        let b0 = bytes.count > 0 ? bytes[0] : 0
        let b1 = bytes.count > 1 ? bytes[1] : 0
        let b2 = bytes.count > 2 ? bytes[2] : 0
        let b3 = bytes.count > 3 ? bytes[3] : 0

        if (b0, b1, b2, b3) == (0x00, 0x00, 0xFE, 0xFF) || (b0, b1, b2, b3) == (0xFF, 0xFE, 0x00, 0x00)
            || (b0, b1, b2, b3) == (0x00, 0x00, 0x00, 0x3C) || (b0, b1, b2, b3) == (0x3C, 0x00, 0x00, 0x00)
        {
            return .failure(.init(message: "UTF-32 is not accepted; send UTF-8"))
        }
        if (b0, b1, b2, b3) == (0x4C, 0x6F, 0xA7, 0x94) {
            return .failure(.init(message: "EBCDIC is not accepted; send UTF-8"))
        }
        if (b0, b1, b2, b3) == (0x00, 0x3C, 0x00, 0x3F) || (b0, b1, b2, b3) == (0x3C, 0x00, 0x3F, 0x00) {
            return .failure(.init(message: "UTF-16 without a byte order mark (XML 1.0 §4.3.3 requires one)"))
        }

        let bom: DocumentEncoding?
        let declared: String?
        if b0 == 0xFF && b1 == 0xFE {
            bom = .utf16LittleEndian
            declared = declaredEncoding(bytes, start: 2, stride: 2, lowByteFirst: true)
        } else if b0 == 0xFE && b1 == 0xFF {
            bom = .utf16BigEndian
            declared = declaredEncoding(bytes, start: 2, stride: 2, lowByteFirst: false)
        } else if b0 == 0xEF && b1 == 0xBB && b2 == 0xBF {
            bom = .utf8
            declared = declaredEncoding(bytes, start: 3, stride: 1, lowByteFirst: true)
        } else {
            bom = nil
            declared = declaredEncoding(bytes, start: 0, stride: 1, lowByteFirst: true)
        }

        let label = declared.map { $0.uppercased() }
        switch (bom, label) {
        case (.utf16LittleEndian, nil), (.utf16LittleEndian, "UTF-16"), (.utf16LittleEndian, "UTF-16LE"):
            return .success(.utf16LittleEndian)
        case (.utf16BigEndian, nil), (.utf16BigEndian, "UTF-16"), (.utf16BigEndian, "UTF-16BE"):
            return .success(.utf16BigEndian)
        case (.utf16LittleEndian, _), (.utf16BigEndian, _):
            return .failure(.init(message: "byte order mark says UTF-16 but the declaration says '\(declared ?? "")'"))
        case (_, nil), (_, "UTF-8"), (_, "UTF8"):
            return .success(.utf8)
        case (nil, "ISO-8859-1"), (nil, "ISO_8859-1"), (nil, "LATIN1"), (nil, "ISO-LATIN-1"),
            (nil, "US-ASCII"), (nil, "ASCII"):
            return .success(.singleByte)
        case (nil, "UTF-16"), (nil, "UTF-16LE"), (nil, "UTF-16BE"):
            return .failure(.init(message: "declared '\(declared ?? "")' but there is no UTF-16 byte order mark"))
        case (.utf8, let other?) where ["ISO-8859-1", "ISO_8859-1", "LATIN1", "ISO-LATIN-1", "US-ASCII", "ASCII"].contains(other):
            return .failure(.init(message: "byte order mark says UTF-8 but the declaration says '\(declared ?? "")'"))
        default:
            return .failure(.init(
                message: "encoding '\(declared ?? "")' is not accepted; use UTF-8, UTF-16 (with byte order mark), ISO-8859-1 or US-ASCII"))
        }
    }

    struct DetectionFailure: Error {
        var message: String
    }

    /// The value of `encoding="..."` in a leading `<?xml ...?>` (XML 1.0 §2.8, [23] and [80]),
    /// read from the first 512 code units, which is far more than any real declaration needs.
    private static func declaredEncoding(
        _ bytes: UnsafeBufferPointer<UInt8>, start: Int, stride: Int, lowByteFirst: Bool
    ) -> String? {
        var ascii = [UInt8]()
        var i = start
        while i + stride - 1 < bytes.count && ascii.count < 512 {
            let unit: UInt16
            if stride == 1 {
                unit = UInt16(bytes[i])
            } else if lowByteFirst {
                unit = UInt16(bytes[i]) | UInt16(bytes[i + 1]) << 8
            } else {
                unit = UInt16(bytes[i]) << 8 | UInt16(bytes[i + 1])
            }
            guard unit < 0x80 else { break }
            ascii.append(UInt8(unit))
            if unit == UInt16(UInt8(ascii: ">")) { break }
            i += stride
        }
        let prefix = Array("<?xml".utf8)
        guard ascii.count > prefix.count, Array(ascii[0..<prefix.count]) == prefix,
            isSpace(ascii[prefix.count])
        else { return nil }
        let key = Array("encoding".utf8)
        var j = prefix.count
        while j + key.count <= ascii.count {
            if Array(ascii[j..<j + key.count]) == key && isSpace(ascii[j - 1]) {
                var k = j + key.count
                while k < ascii.count && isSpace(ascii[k]) { k += 1 }
                guard k < ascii.count, ascii[k] == UInt8(ascii: "=") else { return nil }
                k += 1
                while k < ascii.count && isSpace(ascii[k]) { k += 1 }
                guard k < ascii.count, ascii[k] == UInt8(ascii: "\"") || ascii[k] == UInt8(ascii: "'") else { return nil }
                let quote = ascii[k]
                k += 1
                let valueStart = k
                while k < ascii.count && ascii[k] != quote { k += 1 }
                guard k < ascii.count else { return nil }
                return String(decoding: ascii[valueStart..<k], as: UTF8.self)
            }
            j += 1
        }
        return nil
    }

    private static func isSpace(_ b: UInt8) -> Bool {
        b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D
    }
}
