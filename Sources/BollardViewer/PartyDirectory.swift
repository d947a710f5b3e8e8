import BollardCore
import Foundation

/// Who is who: the names people know parties by, keyed by the identifiers the log carries
/// (`gln:…`, `lei:…`, `customs:…`, the PartyID text form). The log proves *which identifier*
/// acted; a name is master data, so the pages always print the identifier beside it and a party
/// the directory does not know is shown by identifier alone, never guessed.
///
/// Built from a master-data file (`PartyDirectory(json:)`, e.g. fixtures/busan/parties.json)
/// and from what the records themselves state (`adding(namesFrom:)`: a bar's ILMD names its
/// refiner and the refiner's GLN).
public struct PartyDirectory: Sendable, Hashable {
    public struct Party: Sendable, Hashable, Codable {
        /// The PartyID text form (`gln:8801234000048`), or another scheme's (`scac:HDLN`).
        public var id: String
        public var name: String
        /// What the party does in the port (refiner, carrier, terminal, customs, warehouse, exchange, lender …).
        public var role: String?

        public init(id: String, name: String, role: String? = nil) {
            self.id = id
            self.name = name
            self.role = role
        }
    }

    public private(set) var parties: [String: Party] = [:]

    public init(_ parties: [Party] = []) {
        for p in parties { self.parties[p.id] = p }
    }

    /// `{"parties": [{"id": "gln:…", "name": "…", "role": "…"}, …]}`.
    public init(json: [UInt8]) throws(PartyDirectoryError) {
        struct File: Decodable { var parties: [Party] }
        do {
            self.init(try JSONDecoder().decode(File.self, from: Data(json)).parties)
        } catch {
            throw PartyDirectoryError(.malformed, "not a party directory ({\"parties\": [{\"id\", \"name\", \"role\"}]}): \(error)")
        }
    }

    public func party(_ id: String) -> Party? { parties[id] }

    public func name(of party: PartyID) -> String? { parties[party.description]?.name }

    /// The party whose GLN is a location's site (a warehouse's own GLN names its premises).
    public func site(of location: StorageLocation) -> Party? { parties[PartyID.gln(location.site).description] }

    /// Names the records state about parties the directory does not list yet: the refiner of a
    /// precious-metal bar (ILMD `refiner` with `refinerID`). Master data wins over records.
    public func adding(namesFrom events: [EPCISEvent]) -> PartyDirectory {
        var copy = self
        for event in events {
            guard case .preciousMetalBar(let bar)? = event.ilmd?.commodity, let id = bar.refinerID?.description,
                  copy.parties[id] == nil, !bar.refiner.isEmpty else { continue }
            copy.parties[id] = Party(id: id, name: bar.refiner, role: "refiner")
        }
        return copy
    }
}

public struct PartyDirectoryError: Error, Sendable, Hashable, CustomStringConvertible {
    public enum Code: String, Sendable, Hashable {
        /// Not JSON, or not the `{"parties": [...]}` shape.
        case malformed
    }

    public var code: Code
    public var context: String

    public init(_ code: Code, _ context: String) {
        self.code = code
        self.context = context
    }

    public var description: String { "\(code.rawValue): \(context)" }
}
