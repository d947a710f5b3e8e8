@testable import BollardXML

func utf8(_ s: String) -> [UInt8] { Array(s.utf8) }

/// Parses and returns the refusal, or nil when the document was accepted.
func refusal(_ xml: [UInt8], limits: XMLLimits = .default, name: String = "test.xml") -> XMLReadError? {
    do {
        _ = try XMLReader(limits: limits).parse(xml, documentName: name)
        return nil
    } catch {
        return error
    }
}

func refusal(_ xml: String, limits: XMLLimits = .default) -> XMLReadError? {
    refusal(utf8(xml), limits: limits)
}
