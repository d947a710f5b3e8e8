/// Escaping for HTML text and quoted attribute values (HTML Living Standard §13.1.2.6, §13.3).
///
/// Every string a page shows comes from a document some party sent, a party directory or a
/// verifier's message, so every string is escaped, in text and in attributes alike: `&`, `<`,
/// `>`, `"` and `'` become character references. Pages never write an unquoted attribute, never
/// put data into `<script>`, `<style>` or an event-handler attribute, and only ever build `href`
/// values with `HTML.pathSegment`, so escaping is the whole defence.
public enum HTML {
    public static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            // C0 controls other than tab/newline are not allowed in HTML text (§13.1.4); the
            // replacement character keeps the page well formed and shows that something was there.
            case "\u{0}"..."\u{8}", "\u{B}", "\u{C}", "\u{E}"..."\u{1F}", "\u{7F}": out += "\u{FFFD}"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// One URL path segment, percent-encoded (RFC 3986 §3.3: unreserved characters kept, every
    /// other byte as %XX), so an identifier cannot leave its segment or its attribute.
    public static func pathSegment(_ text: String) -> String {
        var out = ""
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                 UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"):
                out.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                let hex = Array("0123456789ABCDEF".unicodeScalars)
                out += "%"
                out.unicodeScalars.append(hex[Int(byte >> 4)])
                out.unicodeScalars.append(hex[Int(byte & 0x0F)])
            }
        }
        return out
    }
}

/// Appends markup. Text goes in through `text(_:)` (escaped); only literal markup written in this
/// module goes through `raw(_:)`.
struct HTMLWriter {
    private(set) var output = ""

    mutating func raw(_ markup: String) { output += markup }
    mutating func text(_ text: String) { output += HTML.escape(text) }

    /// `<tag>escaped text</tag>`, with literal attributes (written by this module, never data).
    mutating func element(_ tag: String, _ text: String, attributes: String = "") {
        output += "<\(tag)\(attributes.isEmpty ? "" : " " + attributes)>\(HTML.escape(text))</\(tag)>"
    }

    /// A link to one of the viewer's own pages: a fixed prefix and one percent-encoded segment.
    mutating func link(_ prefix: String, _ segment: String, _ text: String) {
        output += "<a href=\"\(prefix)\(HTML.pathSegment(segment))\">\(HTML.escape(text))</a>"
    }
}
