import BollardLog

/// Where the anchorer reads the log's latest signed checkpoint.
public protocol CheckpointSource: Sendable {
    /// The latest signed checkpoint note (C2SP signed-note bytes), nil before the first.
    func latestCheckpoint() async throws -> [UInt8]?
}

extension TransparencyLog: CheckpointSource {
    public func latestCheckpoint() async throws -> [UInt8]? { try await checkpoint() }
}
