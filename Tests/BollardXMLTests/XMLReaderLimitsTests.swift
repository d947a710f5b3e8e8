import Testing
@testable import BollardXML

@Suite struct XMLReaderLimitsTests {
    func nested(_ depth: Int) -> String {
        String(repeating: "<a>", count: depth) + String(repeating: "</a>", count: depth)
    }

    @Test func depthAtTheLimitIsAccepted() {
        #expect(refusal(nested(256)) == nil)
        var limits = XMLLimits.default
        limits.maxDepth = 10
        #expect(refusal(nested(10), limits: limits) == nil)
    }

    @Test func depthBeyondTheLimitIsRefused() {
        let error = refusal(nested(257))
        #expect(error?.code == .limitExceeded)
        var limits = XMLLimits.default
        limits.maxDepth = 10
        let small = refusal(nested(11), limits: limits)
        #expect(small?.code == .limitExceeded)
        #expect(small?.message.contains("10") == true)
    }

    @Test func veryDeepNestingIsRefusedWithoutRecursion() {
        let error = refusal(String(repeating: "<a>", count: 1_000_000))
        #expect(error?.code == .limitExceeded)
    }

    @Test func depthLimitAboveLibXML2sIsStillBounded() {
        var limits = XMLLimits.default
        limits.maxDepth = 10_000
        #expect(refusal(nested(300), limits: limits)?.code == .limitExceeded)
    }

    func tag(attributes n: Int, namespaces: Int = 0) -> String {
        var s = "<r"
        for i in 0..<namespaces { s += " xmlns:p\(i)=\"urn:\(i)\"" }
        for i in 0..<n { s += " a\(i)=\"v=\(i)\"" }
        return s + "/>"
    }

    @Test func attributesAtTheLimitAreAccepted() {
        #expect(refusal(tag(attributes: 256)) == nil)
    }

    @Test func tooManyAttributesAreRefused() {
        let error = refusal("<doc>\n" + tag(attributes: 257) + "</doc>")
        #expect(error?.code == .limitExceeded)
        #expect(error?.line == 2)
    }

    @Test func namespaceDeclarationsCountTowardTheAttributeLimit() {
        #expect(refusal(tag(attributes: 250, namespaces: 7))?.code == .limitExceeded)
    }

    /// libxml2 2.9 checks attribute uniqueness pairwise; the prescan refuses before that runs.
    @Test func hugeAttributeCountIsRefusedBeforeParsing() {
        let error = refusal(tag(attributes: 300_000))
        #expect(error?.code == .limitExceeded)
        #expect(error?.line == 1)
    }

    @Test func attributeLikeTextInCommentsAndCDATAIsNotCounted() {
        let fake = String(repeating: " a=\"1\"", count: 300)
        let xml = "<r><!-- <x\(fake)> --><![CDATA[<x\(fake)>]]><?pi <x\(fake)> ?></r>"
        #expect(refusal(xml) == nil)
    }

    @Test func oversizedDocumentIsRefused() {
        var limits = XMLLimits.default
        limits.maxDocumentBytes = 1000
        let xml = "<r>" + String(repeating: "x", count: 1000) + "</r>"
        let error = refusal(xml, limits: limits)
        #expect(error?.code == .limitExceeded)
        #expect(error?.message.contains("1000") == true)
    }

    @Test func oversizedTextNodeIsRefused() {
        var limits = XMLLimits.default
        limits.maxTextBytes = 100
        #expect(refusal("<r>" + String(repeating: "x", count: 100) + "</r>", limits: limits) == nil)
        #expect(refusal("<r>" + String(repeating: "x", count: 101) + "</r>", limits: limits)?.code == .limitExceeded)
        // CDATA and text merge into one node, so the limit applies to the sum.
        let merged = "<r>" + String(repeating: "x", count: 60) + "<![CDATA[" + String(repeating: "y", count: 60) + "]]></r>"
        #expect(refusal(merged, limits: limits)?.code == .limitExceeded)
    }

    @Test func oversizedAttributeValueIsRefused() {
        var limits = XMLLimits.default
        limits.maxTextBytes = 100
        #expect(refusal("<r a=\"" + String(repeating: "x", count: 100) + "\"/>", limits: limits) == nil)
        let error = refusal("<r>\n<e a=\"" + String(repeating: "x", count: 101) + "\"/></r>", limits: limits)
        #expect(error?.code == .limitExceeded)
        #expect(error?.line == 2)
    }

    /// Comments are not capped by libxml2 2.9 but are dropped, so they only cost their bytes,
    /// which `maxDocumentBytes` bounds.
    @Test func libxml2sOwnTenMegabyteCapsAreLimitErrors() {
        let big = String(repeating: "x", count: 10_000_001)
        #expect(refusal("<r a=\"" + big + "\"/>")?.code == .limitExceeded)
        #expect(refusal("<r><![CDATA[" + big + "]]></r>")?.code == .limitExceeded)
        #expect(refusal("<" + String(repeating: "n", count: 50_001) + "/>")?.code == .limitExceeded)
    }

    @Test func tooManyElementsAreRefused() {
        var limits = XMLLimits.default
        limits.maxElements = 100
        #expect(refusal("<r>" + String(repeating: "<a/>", count: 99) + "</r>", limits: limits) == nil)
        let error = refusal("<r>\n" + String(repeating: "<a/>\n", count: 100) + "</r>", limits: limits)
        #expect(error?.code == .limitExceeded)
        #expect(error?.line == 101)
    }
}
