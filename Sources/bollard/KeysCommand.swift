import ArgumentParser
import BollardServer
import BollardStore
import Foundation

/// `bollard keys add|list|revoke`: the HTTP API's keys, stored hashed in the store.
struct KeysCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "keys",
        abstract: "Manage the HTTP API's keys (stored as SHA-256 hashes).",
        subcommands: [Add.self, List.self, Revoke.self]
    )

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Create a key for a party and role; the key is printed once.",
            discussion: """
                Example:
                  bollard keys add --data /var/tmp/b --party gln:8801234000017 --role warehouse --name "W1 WMS"
                """
        )
        @OptionGroup var storeOptions: StoreOptions
        @Option(help: "The party the key acts for: gln:…, lei:… or customs:….") var party: String
        @Option(help: "One of \(Role.allCases.map(\.rawValue).joined(separator: ", ")).") var role: String
        @Option(help: "A label for `keys list`.") var name: String?

        func run() async throws {
            guard let role = Role(rawValue: role) else {
                throw ValidationError("unknown role \(role): one of \(Role.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            let issued: APIKeys.Issued
            do { issued = try APIKeys.issue(party: party, role: role, name: name) } catch { throw ValidationError("\(error)") }
            let dir = try await storeOptions.open()
            try await dir.store.addAPIKey(issued.record)
            try await dir.store.close()
            FileHandle.standardError.write(Data("key \(issued.record.id) for \(issued.record.party) as \(role.rawValue); shown once:\n".utf8))
            print(issued.key)
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List keys (ids, parties, roles; never the keys).")
        @OptionGroup var storeOptions: StoreOptions

        func run() async throws {
            let dir = try await storeOptions.open()
            let keys = try await dir.store.apiKeys()
            try await dir.store.close()
            for k in keys {
                let created = ISO8601DateFormatter().string(from: Date(timeIntervalSince1970: Double(k.createdAt) / 1000))
                print([k.id, k.party, k.role, created, k.isRevoked ? "revoked" : "active", k.name ?? ""].joined(separator: "\t"))
            }
        }
    }

    struct Revoke: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Revoke a key by id; it stops authenticating at once.")
        @OptionGroup var storeOptions: StoreOptions
        @Argument(help: "The key's id, as `keys list` shows it.") var id: String

        func run() async throws {
            let dir = try await storeOptions.open()
            let found = try await dir.store.revokeAPIKey(id: id)
            try await dir.store.close()
            guard found else { throw ValidationError("no key \(id)") }
            print("revoked \(id)")
        }
    }
}
