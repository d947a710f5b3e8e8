import ArgumentParser
import BollardIngest
import BollardLedger
import BollardLog
import BollardStore
import Foundation

/// Where a command finds the store and the keys: `--data DIR` holds the SQLite store
/// (`bollard.sqlite`) and the log and ledger keys; `--postgres URL` puts the store on a
/// PostgreSQL server instead (the keys stay in `--data`). The local ledger lives in the store
/// (`ledger_records`) either way; an older data folder's `ledger` file is imported on open.
struct StoreOptions: ParsableArguments {
    @Option(help: "Data folder: SQLite store and keys (default: $BOLLARD_DATA or ./bollard-data).")
    var data: String?

    @Option(help: "PostgreSQL URL (postgres://user@host:port/db; default: $BOLLARD_POSTGRES_URL); the store lives there instead of the data folder.")
    var postgres: String?

    /// The flag, else BOLLARD_POSTGRES_URL: a deployment's units and manifests set the URL (and
    /// its password) in the environment, where `ps` does not show it.
    var postgresURL: String? {
        if let postgres { return postgres }
        let value = ProcessInfo.processInfo.environment["BOLLARD_POSTGRES_URL"]
        return value?.isEmpty == false ? value : nil
    }

    var folder: URL {
        URL(fileURLWithPath: data ?? ProcessInfo.processInfo.environment["BOLLARD_DATA"] ?? "bollard-data")
    }

    func open(origin: String = DataDirectory.defaultOrigin) async throws -> DataDirectory {
        try await DataDirectory.open(folder: folder, postgres: postgresURL, origin: origin)
    }
}

/// An opened data folder: the store, the log's signer and keys, the local ledger (in the store).
struct DataDirectory: Sendable {
    static let defaultOrigin = "bollard.example/busan-bonded-1"

    var folder: URL
    var store: any Store
    var origin: String
    var logSigner: CheckpointSigner
    var logKey: VerifierKey
    var ledgerKey: VerifierKey
    var ledger: any Anchor

    var location: String

    /// Opens (creating when absent) the keys; the log key's name is the log's origin. A `ledger`
    /// file left by an older version is imported into the store once (`LedgerFileImport`).
    static func open(folder: URL, postgres: String?, origin: String) async throws -> DataDirectory {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let log = try KeyFiles.openOrCreate(in: folder, name: "log", keyName: origin)
        let ledgerPair = try KeyFiles.openOrCreate(in: folder, name: "ledger", keyName: origin + "/ledger")
        let logKey = try VerifierKey(parsing: log.vkey)
        let location = postgres ?? folder.appendingPathComponent("bollard.sqlite").path
        let store = try await StoreLocation(location).open()
        let ledgerSigner = try SignerKey(parsing: ledgerPair.skey)
        do {
            try await LedgerFileImport.importIfPresent(folder: folder, into: store, key: ledgerSigner)
        } catch {
            try? await store.close()
            throw error
        }
        return DataDirectory(
            folder: folder, store: store, origin: logKey.name, logSigner: try CheckpointSigner(skey: log.skey), logKey: logKey,
            ledgerKey: try VerifierKey(parsing: ledgerPair.vkey), ledger: Self.ledger(store, key: ledgerSigner),
            location: postgres.map { _ in "PostgreSQL" } ?? location)
    }

    private static func ledger<S: Store>(_ store: S, key: SignerKey) -> any Anchor {
        StoreLedger(store: store, key: key)
    }

    /// `host:pid`, unique among the processes sharing a store.
    static var processName: String {
        "\(ProcessInfo.processInfo.hostName):\(ProcessInfo.processInfo.processIdentifier)"
    }
}

extension KeyFiles {
    /// The pair in `<name>.key`/`<name>.pub`, created on first use.
    static func openOrCreate(in folder: URL, name: String, keyName: String) throws -> KeyFiles {
        let keyFile = folder.appendingPathComponent(name + ".key")
        let pubFile = folder.appendingPathComponent(name + ".pub")
        if FileManager.default.fileExists(atPath: keyFile.path) {
            let skey = try String(contentsOf: keyFile, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
            let vkey = try String(contentsOf: pubFile, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
            return KeyFiles(skey: skey, vkey: vkey)
        }
        return try create(in: folder, name: name, keyName: keyName)
    }
}

/// Prints one JSON value (sorted keys) on stdout.
func printJSON<T: Encodable>(_ value: T) throws {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    print(String(decoding: try encoder.encode(value), as: UTF8.self))
}
