import BollardCore
import BollardIngest

/// A warehouse may submit only documents whose issuer is its own GLN (issue #6). The issuer is
/// the EDI envelope sender (`DocumentIssuer`); a document whose sender is not the key's party,
/// or cannot be mapped to a party, is refused with 403 naming the sender found, and nothing is
/// stored. Non-EDI documents pass to the engine, which refuses any record a warehouse writes
/// for another party (DESIGN.md rule 1; `warehouseWritesOnlyForItself`).
struct IssuerCheck: Sendable {
    var issuer: DocumentIssuer

    func check(_ bytes: [UInt8], submitter: String) throws {
        guard case .senders(let senders) = issuer.read(bytes) else { return }
        for sender in senders where sender.party?.description != submitter {
            let found = sender.party?.description ?? sender.raw
            throw ProblemDetails.forbidden(
                "the document's interchange sender \(sender.raw)"
                    + (sender.party.map { " (\($0))" } ?? ", which maps to no party,") + " is not this key's party \(submitter)",
                extensions: ["issuer": found])
        }
    }
}
