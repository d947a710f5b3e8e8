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

    /// The submitter and event of a leaf written by `leaf(event:submitter:)`.
    public static func decode(_ leaf: [UInt8], index: UInt64) throws(IngestError) -> (submitter: PartyID, event: EPCISEvent) {
        let record: JCSValue
        do { record = try JCS.parse(leaf) } catch {
            throw IngestError(.malformed, position: "log entry \(index)", "not RFC 8785 JSON: \(error)")
        }
        guard case .string(let text) = record[submitterMember] else {
            throw IngestError(.malformed, position: "log entry \(index)", "no \(submitterMember) member")
        }
        let submitter: PartyID
        do { submitter = try PartyID(text) } catch {
            throw IngestError(.invalidSubmitter, position: "log entry \(index)", "\(error)")
        }
        do {
            return (submitter, try JSONDecoder().decode(EPCISEvent.self, from: Data(leaf)))
        } catch {
            throw IngestError(.malformed, position: "log entry \(index)", "not a custody event: \(error)")
        }
    }
}
