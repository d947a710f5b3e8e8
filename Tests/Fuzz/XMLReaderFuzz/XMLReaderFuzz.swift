// libFuzzer entry point for BollardXML's reader; not a package target.
//
// Build from the package root, compiling the reader's sources into the fuzzer's module:
//
//   swiftc -sanitize=fuzzer,address -parse-as-library -module-name BollardXML -O \
//     -Xcc -fmodule-map-file=Sources/CLibXML2/module.modulemap -I /usr/include/libxml2 \
//     Sources/BollardXML/*.swift Tests/Fuzz/XMLReaderFuzz/XMLReaderFuzz.swift -lxml2 \
//     -o /tmp/xml-fuzz
//   mkdir -p /tmp/xml-corpus && ASAN_OPTIONS=symbolize=0 /tmp/xml-fuzz /tmp/xml-corpus \
//     -max_len=4096 -max_total_time=300 -dict=Tests/Fuzz/XMLReaderFuzz/xml.dict
//
// Each input is parsed three times: with the default limits, with tiny ones (so the refusal
// paths for depth, attributes, text and element count are reached by short inputs), and
// validating against a small schema. Any crash,
// sanitizer report or broken invariant (an accepted tree with a line number below 1, a
// refusal without a position where one is always known) aborts the run.

private let defaultReader = XMLReader()
private let tinyReader = XMLReader(limits: XMLLimits(
    maxDocumentBytes: 2048, maxDepth: 4, maxAttributesPerElement: 3, maxTextBytes: 64, maxElements: 16))

private let schema = try? XMLSchema(bytes: Array("""
    <xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema">
      <xs:element name="r">
        <xs:complexType>
          <xs:sequence><xs:element name="e" type="xs:decimal" maxOccurs="unbounded"/></xs:sequence>
          <xs:attribute name="a" type="xs:int"/>
        </xs:complexType>
      </xs:element>
    </xs:schema>
    """.utf8), name: "fuzz.xsd")

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzXMLReader(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    guard let data else { return 0 }
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    for reader in [defaultReader, tinyReader] {
        do {
            let document = try reader.parse(bytes, documentName: "fuzz")
            check(document.root, depth: 1, limits: reader.limits)
        } catch {
            if error.code == .doctypeForbidden || error.code == .entityForbidden {
                precondition(error.line >= 1, "refusal without a line: \(error)")
            }
        }
    }
    // The same input through the schema-validating path (libxml2's SAX plug).
    guard let schema else { fatalError("fuzz schema does not compile") }
    do {
        let (document, errors) = try defaultReader.parse(bytes, documentName: "fuzz", validatingAgainst: schema)
        check(document.root, depth: 1, limits: defaultReader.limits)
        for e in errors { precondition(e.line >= 1, "validation error without a line: \(e)") }
    } catch {
        if error.code == .doctypeForbidden || error.code == .entityForbidden {
            precondition(error.line >= 1, "refusal without a line: \(error)")
        }
    }
    return 0
}

private func check(_ element: XMLElement, depth: Int, limits: XMLLimits) {
    precondition(element.line >= 1, "element \(element.name.localName) has line \(element.line)")
    precondition(depth <= limits.maxDepth, "depth \(depth) accepted past \(limits.maxDepth)")
    precondition(element.attributes.count <= limits.maxAttributesPerElement)
    for child in element.childElements {
        check(child, depth: depth + 1, limits: limits)
    }
}
