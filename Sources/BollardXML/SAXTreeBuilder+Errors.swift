import CLibXML2

/// Errors libxml2 reports through the structured error handler: the first fatal one becomes
/// the document's refusal; schema validity errors are collected.
extension SAXTreeBuilder {
    mutating func libraryError(_ error: UnsafePointer<xmlError>) {
        let e = error.pointee
        guard e.level == XML_ERR_FATAL || e.level == XML_ERR_ERROR else { return }
        let code = e.code
        // Namespaces in XML 1.0 §2.2 deprecates relative namespace names but does not forbid
        // them, and URI syntax is no namespace constraint; libxml2 reports both at error level.
        if code == Int32(XML_ERR_USER_STOP.rawValue) || code == Int32(XML_WAR_NS_URI.rawValue)
            || code == Int32(XML_WAR_NS_URI_RELATIVE.rawValue)
        {
            return
        }
        let message = e.message.map { String(cString: $0) }?
            .trimmingSuffix(while: { $0 == "\n" || $0 == " " }) ?? "XML error \(code)"
        if e.domain == Int32(XML_FROM_SCHEMASV.rawValue) {
            recordValidationError(line: Int(e.line), column: Int(e.int2), message: message)
            return
        }
        guard parserError == nil else { return }
        let readCode = Self.classify(code: code, message: message)
        var line = Int(e.line)
        var column = Int(e.int2)
        if line == 0 { (line, column) = currentPosition }
        parserError = XMLReadError(code: readCode, documentName: documentName, line: line, column: column, message: message)
    }

    mutating func recordValidationError(line: Int, column: Int, message: String) {
        var line = line
        var column = column
        if line == 0 { (line, column) = currentPosition }
        validationErrors.append(XMLValidationError(documentName: documentName, line: line, column: column, message: message))
    }

    /// Maps libxml2's error numbers (xmlerror.h) onto Bollard's codes.
    private static func classify(code: Int32, message: String) -> XMLReadError.Code {
        switch code {
        case Int32(XML_ERR_DOCUMENT_EMPTY.rawValue):
            return .empty
        case Int32(XML_ERR_INVALID_ENCODING.rawValue), Int32(XML_ERR_UNSUPPORTED_ENCODING.rawValue),
            Int32(XML_ERR_UNKNOWN_ENCODING.rawValue), Int32(XML_I18N_CONV_FAILED.rawValue):
            return .encoding
        case Int32(XML_ERR_INVALID_CHAR.rawValue) where message.contains("UTF-8"):
            return .encoding
        case Int32(XML_ERR_UNDECLARED_ENTITY.rawValue), Int32(XML_WAR_UNDECLARED_ENTITY.rawValue),
            Int32(XML_ERR_ENTITY_LOOP.rawValue), Int32(XML_ERR_ENTITY_BOUNDARY.rawValue):
            return .entityForbidden
        case Int32(XML_ERR_DOCTYPE_NOT_FINISHED.rawValue):
            return .doctypeForbidden
        case Int32(XML_ERR_NAME_TOO_LONG.rawValue):
            return .limitExceeded
        default:
            // libxml2's built-in limits (10 MB per attribute value, CDATA section, comment;
            // depth 256) say so only in their messages.
            let limit = message.contains("XML_PARSE_HUGE") || message.contains("too long") || message.contains("too big")
            return limit ? .limitExceeded : .malformed
        }
    }
}

extension String {
    fileprivate func trimmingSuffix(while predicate: (Character) -> Bool) -> String {
        var s = Substring(self)
        while let last = s.last, predicate(last) { s = s.dropLast() }
        return String(s)
    }
}
