import ArgumentParser

struct Bench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Measure a hot path (use a release build: swift run -c release bollard bench ...).",
        discussion: """
            Each benchmark has a peer script under ops/bench/ that runs the competing
            implementation on the same input and prints the ratio.
            """,
        subcommands: [LogBench.self, EPCISHashBench.self, EDIFACTBench.self, X12Bench.self, WorkerBench.self]
    )
}
