import BollardCore
import BollardEPCIS
import Foundation

/// Recomputes an event's GS1 CBV 2.0 event hash from its log entry alone: the leaf is the
/// RFC 8785 canonical JSON of a Core `EPCISEvent`; it is written back out as an EPCIS 2.0
/// document and hashed exactly as GS1's reference generator would hash that document.
///
/// JSON-LD is preferred (it is what customs officers feed GS1's tool); an event JSON-LD cannot
/// express (extension lists, see `EPCISJSONLDWriter.canExpress`) goes through the XML writer.
public struct GS1EventHashRecomputer: EventHashRecomputing {
    public init() {}

    public struct Failure: Error, CustomStringConvertible {
        public var description: String
    }

    public func eventHash(leaf: [UInt8]) throws -> String {
        try eventHash(event: try JSONDecoder().decode(BollardCore.EPCISEvent.self, from: Data(leaf)))
    }

    /// The hash of an event already decoded from its leaf (a server's replayed state holds
    /// every record's event), sparing the decoding.
    public func eventHash(event: BollardCore.EPCISEvent) throws -> String {
        // creationDate is not hashed (CBV 2.0 §8.9); any valid time will do.
        let creation = try EventTime("1970-01-01T00:00:00Z")
        let bytes: [UInt8]
        let name: String
        if EPCISJSONLDWriter.canExpress(event) {
            bytes = EPCISJSONLDWriter().document([event], creationDate: creation)
            name = "leaf.jsonld"
        } else {
            bytes = EPCISXMLWriter().document([event], creationDate: creation)
            name = "leaf.xml"
        }
        let hashes = try EPCISEventHasher().hashes(documentBytes: bytes, fileName: name)
        guard hashes.count == 1, let hash = hashes[0].hash else {
            throw Failure(description: "the event written back as EPCIS did not give exactly one hash: \(hashes.first?.failure ?? "no events")")
        }
        return hash
    }
}
