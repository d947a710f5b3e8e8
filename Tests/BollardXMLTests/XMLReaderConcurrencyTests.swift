import Testing
@testable import BollardXML

/// Each parse owns its libxml2 context and error handler, so concurrent parses, good and bad,
/// must not see each other's results or errors.
@Suite struct XMLReaderConcurrencyTests {
    static func document(_ i: Int) -> [UInt8] {
        var s = "<?xml version=\"1.0\"?>\n<doc xmlns=\"urn:t\" id=\"\(i)\">\n"
        for j in 0..<200 { s += "  <item n=\"\(j)\">value \(i)-\(j) &amp; more</item>\n" }
        return utf8(s + "</doc>")
    }

    static func bad(_ i: Int) -> [UInt8] {
        switch i % 3 {
        case 0: return utf8("<!DOCTYPE d [<!ENTITY e \"\(i)\">]><d>&e;</d>")
        case 1: return utf8(String(repeating: "\n", count: i) + "<d><e></d>")
        default: return utf8("<d>&x\(i);</d>")
        }
    }

    @Test func parsesInParallel() async throws {
        let reader = XMLReader()
        let results = await withTaskGroup(of: (Int, String?, XMLReadError?).self) { group in
            for i in 0..<64 {
                group.addTask {
                    do throws(XMLReadError) {
                        let bytes = i % 2 == 0 ? Self.document(i) : Self.bad(i)
                        let doc = try reader.parse(bytes, documentName: "doc\(i)")
                        let items = doc.root.childElements
                        return (i, "\(doc.root.attribute("id") ?? "")|\(items.count)|\(items.last?.text ?? "")", nil)
                    } catch {
                        return (i, nil, error)
                    }
                }
            }
            var out = [(Int, String?, XMLReadError?)]()
            for await r in group { out.append(r) }
            return out
        }
        #expect(results.count == 64)
        for (i, summary, error) in results {
            if i % 2 == 0 {
                #expect(summary == "\(i)|200|value \(i)-199 & more")
                #expect(error == nil)
            } else {
                let e = try #require(error)
                #expect(e.documentName == "doc\(i)")
                switch i % 3 {
                case 0: #expect(e.code == .doctypeForbidden)
                case 1:
                    #expect(e.code == .malformed)
                    #expect(e.line == i + 1)
                default:
                    #expect(e.code == .entityForbidden)
                    #expect(e.message.contains("x\(i)"))
                }
            }
        }
    }
}
