import Testing
@testable import BollardXML

/// DTDs and entities are refused outright (XXE, CWE-611; billion laughs, CWE-776).
@Suite struct XMLReaderRefusalTests {
    @Test func externalEntityToLocalFile() {
        let xml = """
            <?xml version="1.0"?>
            <!DOCTYPE r [
              <!ENTITY xxe SYSTEM "file:///etc/passwd">
            ]>
            <r>&xxe;</r>
            """
        let error = refusal(xml)
        #expect(error?.code == .doctypeForbidden)
        #expect(error?.line == 2)
        #expect(error?.message.contains("DOCTYPE") == true)
    }

    @Test func externalEntityOverHTTP() {
        let xml = """
            <?xml version="1.0"?>
            <!DOCTYPE r [<!ENTITY xxe SYSTEM "http://127.0.0.1:9/evil">]>
            <r>&xxe;</r>
            """
        #expect(refusal(xml)?.code == .doctypeForbidden)
    }

    @Test func billionLaughs() {
        var xml = "<?xml version=\"1.0\"?>\n<!DOCTYPE lolz [\n <!ENTITY lol \"lol\">\n"
        for i in 1...9 {
            let previous = i == 1 ? "lol" : "lol\(i - 1)"
            xml += " <!ENTITY lol\(i) \"" + String(repeating: "&\(previous);", count: 10) + "\">\n"
        }
        xml += "]>\n<lolz>&lol9;</lolz>"
        let error = refusal(xml)
        #expect(error?.code == .doctypeForbidden)
        #expect(error?.line == 2)
    }

    @Test func externalDTD() {
        let xml = """
            <?xml version="1.0"?>
            <!DOCTYPE r SYSTEM "http://127.0.0.1:9/r.dtd">
            <r/>
            """
        #expect(refusal(xml)?.code == .doctypeForbidden)
        let local = #"<!DOCTYPE r PUBLIC "-//X//DTD R//EN" "file:///etc/passwd"><r/>"#
        #expect(refusal(local)?.code == .doctypeForbidden)
    }

    @Test func parameterEntities() {
        let xml = """
            <?xml version="1.0"?>
            <!DOCTYPE r [
              <!ENTITY % remote SYSTEM "http://127.0.0.1:9/x.dtd">
              %remote;
            ]>
            <r/>
            """
        #expect(refusal(xml)?.code == .doctypeForbidden)
    }

    /// GS1's EPCIS 2.0 examples start with `<!DOCTYPE project>`: no identifier, no subset, so
    /// nothing is declared or loaded. Accepted by default; refusable.
    @Test func bareDoctypeIsAcceptedByDefaultAndRefusable() throws {
        let xml = utf8("<?xml version=\"1.0\"?>\n<!DOCTYPE project>\n<r>&amp;</r>")
        #expect(try XMLReader().parse(xml, documentName: "t").root.text == "&")
        #expect(try XMLReader().parse(utf8("<!DOCTYPE r ><r/>"), documentName: "t").root.name.localName == "r")
        let strict = XMLReader(limits: .default, acceptsBareDocumentTypeDeclaration: false)
        do {
            _ = try strict.parse(xml, documentName: "t")
            Issue.record("bare DOCTYPE accepted by the strict reader")
        } catch {
            #expect(error.code == .doctypeForbidden)
            #expect(error.line == 2)
        }
    }

    @Test func bareDoctypeDoesNotAllowEntities() {
        #expect(refusal("<!DOCTYPE r><r>&e;</r>")?.code == .entityForbidden)
        #expect(refusal("<!DOCTYPE r []><r/>")?.code == .doctypeForbidden)
    }

    @Test func undeclaredEntityReferenceInContent() {
        let error = refusal("<r>\n  a &nbsp; b</r>")
        #expect(error?.code == .entityForbidden)
        #expect(error?.line == 2)
        #expect(error?.message.contains("nbsp") == true)
    }

    @Test func undeclaredEntityReferenceInAttribute() {
        let error = refusal(#"<r a="x&ext;y"/>"#)
        #expect(error?.code == .entityForbidden)
        #expect(error?.line == 1)
    }

    /// Found by the fuzzer: a malformed DOCTYPE must not slip through as "bare" and let libxml2
    /// read the subset in recovery mode.
    @Test func malformedDoctypeIsRefused() {
        #expect(refusal(#"<!DOCTYPE r,[<!ENTITY e "x">]><r>&e;</r>"#)?.code == .doctypeForbidden)
        #expect(refusal(#"<!DOCTYPE r x><r/>"#)?.code == .doctypeForbidden)
    }

    @Test func doctypeAfterAnEarlierErrorIsStillRefused() {
        let xml = #"<?xml version="1.0" standalone="maybe"?><!DOCTYPE r [<!ENTITY e "x">]><r a="&e;">&e;</r>"#
        let error = refusal(xml)
        #expect(error != nil)
        #expect(error?.code != .empty)
    }

    @Test func entityDeclarationOutsideDoctypeIsMalformed() {
        #expect(refusal(#"<!ENTITY x "y"><r/>"#)?.code == .malformed)
    }

    @Test func doctypeAfterRootIsMalformed() {
        #expect(refusal("<r/><!DOCTYPE r>")?.code == .malformed)
    }
}
