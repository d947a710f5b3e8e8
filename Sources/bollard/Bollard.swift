import ArgumentParser

@main
struct Bollard: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bollard",
        abstract: "Chain of custody for commodities in a port, with a verifiable Merkle log.",
        discussion: """
            Bollard reads the documents carriers, terminals and warehouses already exchange,
            builds a chain-of-custody record for every lot and commits it to an append-only,
            publicly verifiable Merkle log (RFC 9162, C2SP checkpoints).
            """,
        subcommands: [Demo.self, Ingest.self, WorkerCommand.self, StatusCommand.self, LotCommand.self, ReceiptCommand.self,
                      CollateralCommand.self, Verify.self, AnchorCommand.self, AuditCommand.self, CheckpointCommand.self, Hash.self,
                      Bench.self, ServeCommand.self, KeysCommand.self, ViewCommand.self]
    )
}
