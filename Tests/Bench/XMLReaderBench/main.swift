// Throughput benchmark for BollardXML's reader; not a package target (nothing here runs in CI).
//
// Build and run from the package root, release mode, compiled into the reader's own module:
//
//   swiftc -O -wmo -module-name BollardXML -parse-as-library \
//     -Xcc -fmodule-map-file=Sources/CLibXML2/module.modulemap -I /usr/include/libxml2 \
//     Sources/BollardXML/*.swift Tests/Bench/XMLReaderBench/main.swift -lxml2 -o /tmp/xml-bench
//   /tmp/xml-bench [megabytes]
//
// It builds an EPCIS 2.0-shaped document of about 20 MB (ObjectEvents with namespaces,
// attributes and extension fields), parses it several times, and prints MB/s for the full
// reader and, as the floor, for libxml2's SAX2 parser with empty callbacks.
import CLibXML2
import Foundation

@main
enum XMLReaderBench {
    static func main() throws {
        let megabytes = CommandLine.arguments.dropFirst().first.flatMap(Int.init) ?? 20
        let document = makeDocument(bytes: megabytes << 20)
        let size = Double(document.count) / 1_048_576
        print("document: \(String(format: "%.1f", size)) MB")

        let reader = XMLReader()
        var elements = 0
        let readerSeconds = try best(of: 5) {
            let doc = try reader.parse(document, documentName: "bench.xml")
            elements = doc.root.firstChild("EPCISBody", namespace: nil)?
                .firstChild("EventList", namespace: nil)?.childElements.count ?? 0
            return doc
        }
        print("XMLReader.parse:       \(String(format: "%7.1f", size / readerSeconds)) MB/s  (\(elements) events, best of 5)")
        print("  tree release:        \(String(format: "%7.3f", lastRelease)) s")

        let floorSeconds = try best(of: 5) { libxml2EmptySAX(document) }
        print("libxml2 SAX2, no-op:   \(String(format: "%7.1f", size / floorSeconds)) MB/s")
    }

    /// Best wall time of `body`, excluding the release of what it returns (timed apart).
    static func best<T>(of runs: Int, _ body: () throws -> T) rethrows -> Double {
        var best = Double.infinity
        for _ in 0..<runs {
            let start = DispatchTime.now().uptimeNanoseconds
            var result: T? = try body()
            let end = DispatchTime.now().uptimeNanoseconds
            best = min(best, Double(end - start) / 1e9)
            result = nil
            _ = result
            lastRelease = Double(DispatchTime.now().uptimeNanoseconds - end) / 1e9
        }
        return best
    }

    nonisolated(unsafe) static var lastRelease = 0.0

    static func libxml2EmptySAX(_ bytes: [UInt8]) {
        var handler = xmlSAXHandler()
        handler.initialized = XML_SAX2_MAGIC
        handler.startElementNs = { _, _, _, _, _, _, _, _, _ in }
        handler.endElementNs = { _, _, _, _ in }
        handler.characters = { _, _, _ in }
        bytes.withUnsafeBufferPointer { buffer in
            buffer.baseAddress!.withMemoryRebound(to: CChar.self, capacity: buffer.count) {
                _ = xmlSAXUserParseMemory(&handler, nil, $0, Int32(buffer.count))
            }
        }
    }

    static func makeDocument(bytes target: Int) -> [UInt8] {
        var s = """
            <?xml version="1.0" encoding="UTF-8"?>
            <epcis:EPCISDocument xmlns:epcis="urn:epcglobal:epcis:xsd:2" xmlns:cbvmda="urn:epcglobal:cbv:mda" \
            xmlns:bollard="https://bollard.example/epcis" schemaVersion="2.0" creationDate="2026-11-21T10:00:00Z">
              <EPCISBody>
                <EventList>

            """
        var i = 0
        while s.utf8.count < target {
            s += """
                      <ObjectEvent>
                        <eventTime>2026-11-21T10:\(String(format: "%02d", i % 60)):00.000Z</eventTime>
                        <eventTimeZoneOffset>+09:00</eventTimeZoneOffset>
                        <epcList>
                          <epc>urn:epc:id:sgtin:0614141.107346.\(i)</epc>
                          <epc>urn:epc:id:sgtin:0614141.107346.\(i + 1)</epc>
                        </epcList>
                        <action>OBSERVE</action>
                        <bizStep>urn:epcglobal:cbv:bizstep:receiving</bizStep>
                        <disposition>urn:epcglobal:cbv:disp:in_progress</disposition>
                        <readPoint><id>urn:epc:id:sgln:0614141.07346.\(i % 100)</id></readPoint>
                        <bizTransactionList>
                          <bizTransaction type="urn:epcglobal:cbv:btt:bol">urn:epcglobal:cbv:bt:0614141073467:B\(i)</bizTransaction>
                        </bizTransactionList>
                        <bollard:lot bollard:refiner="Korea Zinc" bollard:fineness="999.9">GD-\(i) &amp; co</bollard:lot>
                      </ObjectEvent>

                """
            i += 1
        }
        s += "    </EventList>\n  </EPCISBody>\n</epcis:EPCISDocument>\n"
        return Array(s.utf8)
    }
}
