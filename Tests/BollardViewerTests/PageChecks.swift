import BollardViewer
import Foundation
import Testing

/// Structural checks every page must pass: one document in English with the landmarks, one h1,
/// every table header cell scoped, no script or event-handler attribute anywhere, and balanced
/// tags (a tiny tag matcher: an unescaped `<` from data would unbalance it or add a tag).
enum PageChecks {
    static let voidElements: Set<String> = ["meta", "br", "input", "link", "hr", "img", "wbr"]

    static func wellFormed(_ html: String, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(html.hasPrefix("<!DOCTYPE html>\n<html lang=\"en\">"), sourceLocation: sourceLocation)
        for landmark in ["<header>", "<nav aria-label=", "<main id=\"main\">", "<footer>", "<title>", "<meta charset=\"utf-8\">"] {
            #expect(html.contains(landmark), "missing \(landmark)", sourceLocation: sourceLocation)
        }
        #expect(occurrences(of: "<h1>", in: html) == 1, sourceLocation: sourceLocation)
        #expect(occurrences(of: "<th", in: html) == occurrences(of: "<th scope=\"", in: html) + occurrences(of: "<thead", in: html),
                "a th without scope", sourceLocation: sourceLocation)
        let lower = html.lowercased()
        #expect(!lower.contains("<script"), sourceLocation: sourceLocation)
        #expect(!lower.contains("javascript:"), sourceLocation: sourceLocation)
        #expect(lower.range(of: #"<[^>]*\son[a-z]+\s*="#, options: .regularExpression) == nil, "an event-handler attribute",
                sourceLocation: sourceLocation)
        var stack: [String] = []
        var position = html.startIndex
        let tag = /<(\/?)([a-zA-Z][a-zA-Z0-9]*)[^<>]*>/
        for match in html[position...].matches(of: tag) {
            let name = String(match.output.2).lowercased()
            position = match.range.upperBound
            if voidElements.contains(name) { continue }
            if match.output.1.isEmpty {
                stack.append(name)
            } else {
                guard stack.last == name else {
                    Issue.record("</\(name)> closes <\(stack.last ?? "nothing")>", sourceLocation: sourceLocation)
                    return
                }
                stack.removeLast()
            }
        }
        #expect(stack.isEmpty, "unclosed: \(stack)", sourceLocation: sourceLocation)
    }

    static func occurrences(of needle: String, in text: String) -> Int {
        text.components(separatedBy: needle).count - 1
    }

    /// The rows of a table, by the `id="<table>-<n>"` each row carries.
    static func rows(_ table: String, in html: String) -> [String] {
        var out: [String] = []
        var n = 1
        while let start = html.range(of: "<tr id=\"\(table)-\(n)\">") {
            guard let end = html.range(of: "</tr>", range: start.upperBound..<html.endIndex) else { break }
            out.append(String(html[start.lowerBound..<end.upperBound]))
            n += 1
        }
        return out
    }
}
