import CLibXML2

/// Process-wide libxml2 setup, done once.
///
/// `xmlInitParser` must run before parsers are used from several threads (libxml2 threads.c);
/// a Swift global `let` is initialised exactly once, atomically, on first use.
enum LibXML2Runtime {
    private static let initialised: Bool = {
        xmlInitParser()
        return true
    }()

    static func ensureInitialised() {
        _ = initialised
    }

    /// Parser options for untrusted input. `XML_PARSE_NOENT` (substitute entities) and
    /// `XML_PARSE_DTDLOAD`/`DTDATTR`/`DTDVALID` are never set, nor `XML_PARSE_HUGE`, so the
    /// parser's own hard limits stay in force. `XML_PARSE_BIG_LINES` keeps line numbers past
    /// 65535 exact in libxml2's own error reports.
    static let untrustedInputOptions: Int32 = Int32(
        bitPattern: XML_PARSE_NONET.rawValue | XML_PARSE_BIG_LINES.rawValue
            | XML_PARSE_NOERROR.rawValue | XML_PARSE_NOWARNING.rawValue)
}
