import BollardTestSupport
import Foundation
import Testing
@testable import BollardXML

/// The GS1 EPCIS 2.0 example documents and the event-hash vectors' XML documents are all
/// ordinary, DTD-free XML: the hardened reader must accept every one.
@Suite struct EPCISExampleDocumentTests {
    @Test func everyConformanceXMLDocumentParses() throws {
        var files = try SharedData.files(
            under: SharedData.conformance("epcis-examples/XML"), extensions: ["xml"])
        files += try SharedData.files(under: SharedData.conformance("epcis-hash"), extensions: ["xml"])
        #expect(files.count >= 30)
        for file in files {
            let bytes = try [UInt8](Data(contentsOf: file))
            let doc = try XMLReader().parse(bytes, documentName: file.lastPathComponent)
            #expect(doc.root.name.localName == "EPCISDocument" || doc.root.name.localName == "EPCISQueryDocument",
                    "\(file.lastPathComponent): \(doc.root.name.localName)")
        }
    }
}
