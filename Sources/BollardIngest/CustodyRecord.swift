import BollardCore
import Foundation

/// One log entry: a custody event as the RFC 8785 canonical JSON of the Core `EPCISEvent`,
/// plus one member Bollard adds, `submitter` — the authenticated party that sent the document
/// (`gln:…`, `lei:…`, `customs:…`). The engine's decision depends on who sent a command (a
/// warehouse writes only for itself), so the log carries it: replaying the log alone rebuilds
/// the state (`bollard audit`). The event's own members are unchanged, so its GS1 event hash is
/// recomputed from the leaf exactly as before (integrations/bundle-format.md).
public enum CustodyRecord {
    public static let submitterMember = "submitter"

    /// Written in one pass by `JCSWriter`, `submitter` in its sorted place among the event's
    /// members: the same bytes as the event's `JCS.encode` with the member added (JCSWriter's
    /// differential tests).
    public static func leaf(event: EPCISEvent, submitter: PartyID) throws(JCSError) -> [UInt8] {
        var writer = JCSWriter()
        try event.writeJCS(to: &writer, submitter: submitter.description)
        return writer.bytes
    }

    /// The submitter and event of a leaf written by `leaf(event:submitter:)`: every worker
    /// replays the records the others commit, and a server's follower every record, so this is
    /// on their path.
    public static func decode(_ leaf: [UInt8], index: UInt64) throws(IngestError) -> (submitter: PartyID, event: EPCISEvent) {
        // The event read from the parsed leaf directly (`EPCISEvent(jcs:)`); anything it does
        // not take goes through `JSONDecoder`, which gives the exact error.
        if let value = try? JCS.parse(leaf), case .string(let text)? = value[submitterMember],
           let submitter = try? PartyID(text), let event = EPCISEvent(jcs: value) {
            return (submitter, event)
        }
        let record: Leaf
        do {
            record = try JSONDecoder().decode(Leaf.self, from: Data(leaf))
        } catch let error as IngestError {
            throw IngestError(error.code, position: "log entry \(index)", error.context)
        } catch {
            throw IngestError(.malformed, position: "log entry \(index)", "not a custody event: \(error)")
        }
        return (record.submitter, record.event)
    }

    /// The event's own members and `submitter`, from one JSON object.
    private struct Leaf: Decodable {
        var submitter: PartyID
        var event: EPCISEvent

        private struct Member: CodingKey {
            var stringValue: String
            var intValue: Int? { nil }
            init(stringValue: String) { self.stringValue = stringValue }
            init?(intValue: Int) { nil }
        }

        init(from decoder: any Decoder) throws {
            let members = try decoder.container(keyedBy: Member.self)
            guard let text = try members.decodeIfPresent(String.self, forKey: Member(stringValue: CustodyRecord.submitterMember)) else {
                throw IngestError(.malformed, "no \(CustodyRecord.submitterMember) member")
            }
            do { submitter = try PartyID(text) } catch {
                throw IngestError(.invalidSubmitter, "\(error)")
            }
            event = try EPCISEvent(from: decoder)
        }
    }
}
