import BollardIngest
import BollardLog
import BollardStore

enum CheckpointSignerFixture {
    static func signer() throws -> CheckpointSigner {
        try CheckpointSigner(origin: "bollard.test/server", seed: [UInt8](repeating: 9, count: 32))
    }
}

/// Applies every queued job with one in-process worker.
func drain(_ store: some Store) async throws {
    _ = try await Worker(store: store, signer: try CheckpointSignerFixture.signer(), configuration: WorkerConfiguration(name: "test")).drain()
}
