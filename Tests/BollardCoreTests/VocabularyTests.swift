import BollardTestSupport
import Foundation
import Testing

@testable import BollardCore

struct VocabularyTests {
    /// Terms of one CBV vocabulary as the EPCIS 2.0 JSON-LD context (../shared/conformance/
    /// epcis-hash/jsonld-contexts) defines them.
    static func contextTerms(_ prefix: String) throws -> Set<String> {
        let dir = try SharedData.conformance("epcis-hash/jsonld-contexts")
        var terms = Set<String>()
        for url in try SharedData.files(under: dir, extensions: ["jsonld"]) {
            let text = try String(contentsOf: url, encoding: .utf8)
            let tokens = text.split { !($0.isLetter || $0.isNumber || $0 == "_" || $0 == "-") }
            for t in tokens where t.hasPrefix(prefix + "-") {
                terms.insert(String(t.dropFirst(prefix.count + 1)))
            }
        }
        return terms
    }

    @Test func standardListsMatchTheEPCISContext() throws {
        #expect(try Self.contextTerms("BizStep") == BizStep.standardTerms)
        #expect(try Self.contextTerms("Disp") == Disposition.standardTerms)
        #expect(try Self.contextTerms("BTT") == BizTransactionType.standardTerms)
        #expect(try Self.contextTerms("SDT") == SourceDestType.standardTerms)
        #expect(try Self.contextTerms("ER") == ErrorReason.standardTerms)
        #expect(BizStep.standardTerms.count == 41)
    }

    @Test func everySpellingGivesTheWebURI() throws {
        let uri = "https://ref.gs1.org/cbv/BizStep-receiving"
        for spelling in ["receiving", uri, "urn:epcglobal:cbv:bizstep:receiving", "cbv:BizStep-receiving"] {
            let step = try BizStep(spelling)
            #expect(step.uri == uri)
            #expect(step == .receiving)
        }
        #expect(BizStep.receiving.urn == "urn:epcglobal:cbv:bizstep:receiving")
        #expect(try Disposition("in_transit") == .inTransit)
        #expect(try BizTransactionType("urn:epcglobal:cbv:btt:bol") == .billOfLading)
        #expect(try SourceDestType("owning_party") == .owningParty)
    }

    @Test(arguments: ["recieving", "https://ref.gs1.org/cbv/BizStep-recieving", "urn:epcglobal:cbv:bizstep:nope",
                      "https://ref.gs1.org/cbv/Disp-in_transit", "cbv:Foo-x"])
    func unknownStandardValuesAreRefused(_ text: String) {
        #expect(throws: IdentifierError.self) { try BizStep(text) }
    }

    @Test func privateExtensionsAreKept() throws {
        let ext = try BizStep("https://ns.bollard.dev/epcis/bizstep/customs_clearance")
        #expect(ext.isExtension)
        #expect(ext.standardTerm == nil)
        #expect(try BizStep("urn:example:bizstep:weighing").uri == "urn:example:bizstep:weighing")
        #expect(BizTransactionType.warehouseReceipt.isExtension)
        #expect(BizTransactionType.customsDeclaration.uri.hasPrefix(BollardNamespace.uri))
        #expect(throws: IdentifierError.self) { try BizStep("has space:x y") }
    }

    @Test func codableRevalidates() throws {
        let data = try JSONEncoder().encode([BizStep.receiving])
        #expect(try JSONDecoder().decode([BizStep].self, from: data) == [.receiving])
        #expect(throws: DecodingError.self) { try JSONDecoder().decode([BizStep].self, from: Data("[\"recieving\"]".utf8)) }
    }
}
