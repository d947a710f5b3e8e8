/// Recomputes an event's GS1 CBV 2.0 event hash from its log entry. BollardEPCIS implements the
/// hash; the command wires an adapter here so the verifier itself needs no EPCIS code.
public protocol EventHashRecomputing: Sendable {
    /// The `ni:///sha-256;…?ver=CBV2.0` hash of the event whose canonical record is `leaf`.
    func eventHash(leaf: [UInt8]) throws -> String
}
