import BollardCore
import BollardEDI
import Foundation

/// Who a document says sent it, read from its envelope before it is accepted, so a party
/// cannot submit in another party's name.
///
/// - EDIFACT: every interchange's UNB S002 sender (0004 id, 0007 qualifier; ISO 9735-2).
/// - X12: every interchange's ISA06 sender with its ISA05 qualifier.
///
/// An EDIFACT sender whose qualifier is `14` (code list 0007: EAN International, i.e. a GS1
/// GLN) and whose id is a valid GLN is that GLN. X12 has no GLN qualifier (ISA05 `14` is
/// DUNS plus suffix), so X12 senders, like any other, are looked up in `directory`
/// (`"<qualifier>:<id>"` or `"<id>"` → party id text), as the trading-partner agreement maps
/// it. XML and EPCIS documents name no envelope sender: for them the submitter is checked by
/// the provenance engine on every record (a warehouse writes only its own receipts).
public struct DocumentIssuer: Sendable {
    public var directory: [String: String]

    public init(directory: [String: String] = [:]) { self.directory = directory }

    public enum Finding: Sendable, Hashable {
        /// Not an EDI document: nothing to check at intake.
        case notEnveloped
        /// Each interchange's sender, resolved to a party when it can be.
        case senders([Sender])
    }

    public struct Sender: Sendable, Hashable {
        /// As sent: `qualifier:id`.
        public var raw: String
        public var party: PartyID?
    }

    public func read(_ bytes: [UInt8]) -> Finding {
        // Skip what `FormatSniffer` skips (a UTF-8 BOM, layout whitespace), so no prefix can
        // hide an envelope from this check that the worker would then read.
        var start = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        while start < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[start]) { start += 1 }
        guard let standard = EDIParser.sniff(bytes[start..<min(bytes.count, start + FormatSniffer.headLength)]) else { return .notEnveloped }
        let report = standard == .x12 ? EDIParser.readX12(bytes) : EDIParser.readEdifact(bytes)
        return .senders(report.interchanges.filter(\.hasHeader).map { resolve($0.sender, standard: standard) })
    }

    func resolve(_ sender: EDIParty, standard: EDIStandard) -> Sender {
        let id = sender.identification.trimmingCharacters(in: .whitespaces)
        let qualifier = sender.qualifier.trimmingCharacters(in: .whitespaces)
        let raw = qualifier.isEmpty ? id : "\(qualifier):\(id)"
        if standard == .edifact, qualifier == "14", let gln = try? GLN(id) { return Sender(raw: raw, party: .gln(gln)) }
        let mapped = directory[raw] ?? directory[id]
        return Sender(raw: raw, party: mapped.flatMap { try? PartyID($0) })
    }
}
