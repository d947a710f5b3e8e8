extension XMLReader {
    /// Checks made on the raw bytes before libxml2 runs: the attribute bound (see
    /// `AttributeCountPrescan`) and, for UTF-16, that surrogates pair up (Unicode §3.9, D91).
    /// libxml2 reports a UTF-16 conversion failure only on its global error channel and then
    /// sees a truncated document, so the encoding error is caught here with its position.
    func prescan(
        _ buffer: UnsafeBufferPointer<UInt8>, encoding: DocumentEncoding, documentName: String
    ) -> XMLReadError? {
        let limit = limits.maxAttributesPerElement
        func tooManyAttributes(_ p: (line: Int, column: Int)) -> XMLReadError {
            XMLReadError(
                code: .limitExceeded, documentName: documentName, line: p.line, column: p.column,
                message: "more than \(limit) attributes on one element")
        }
        switch encoding {
        case .utf8, .singleByte:
            guard let offset = AttributeCountPrescan.firstTagExceeding(limit, in: buffer) else { return nil }
            return tooManyAttributes(AttributeCountPrescan.position(of: offset, in: buffer))
        case .utf16LittleEndian, .utf16BigEndian:
            let little = encoding == .utf16LittleEndian
            var units = [UInt16]()
            units.reserveCapacity(buffer.count / 2)
            var i = 2
            while i + 1 < buffer.count {
                units.append(little
                    ? UInt16(buffer[i]) | UInt16(buffer[i + 1]) << 8
                    : UInt16(buffer[i]) << 8 | UInt16(buffer[i + 1]))
                i += 2
            }
            return units.withUnsafeBufferPointer { u -> XMLReadError? in
                if buffer.count % 2 != 0 {
                    let p = AttributeCountPrescan.position(of: u.count, in: u)
                    return XMLReadError(
                        code: .encoding, documentName: documentName, line: p.line, column: p.column,
                        message: "UTF-16 document has an odd number of bytes")
                }
                if let bad = Self.firstUnpairedSurrogate(u) {
                    let p = AttributeCountPrescan.position(of: bad, in: u)
                    return XMLReadError(
                        code: .encoding, documentName: documentName, line: p.line, column: p.column,
                        message: "unpaired UTF-16 surrogate 0x\(String(u[bad], radix: 16, uppercase: true))")
                }
                guard let offset = AttributeCountPrescan.firstTagExceeding(limit, in: u) else { return nil }
                return tooManyAttributes(AttributeCountPrescan.position(of: offset, in: u))
            }
        }
    }

    private static func firstUnpairedSurrogate(_ units: UnsafeBufferPointer<UInt16>) -> Int? {
        var i = 0
        while i < units.count {
            let u = units[i]
            if u >= 0xD800 && u <= 0xDBFF {
                guard i + 1 < units.count, units[i + 1] >= 0xDC00 && units[i + 1] <= 0xDFFF else { return i }
                i += 2
            } else if u >= 0xDC00 && u <= 0xDFFF {
                return i
            } else {
                i += 1
            }
        }
        return nil
    }
}
