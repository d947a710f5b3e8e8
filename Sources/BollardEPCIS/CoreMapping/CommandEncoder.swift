import BollardCore

/// Writes an engine command as the EPCIS event `CommandInterpreter` reads back into it (the
/// conventions of integrations/epcis/README.md), so receipts, pledges and bindings Bollard derives
/// from EDI or receipt XML are EPCIS events too and carry a GS1 event hash like any other.
///
/// `CommandInterpreter().command(for: CommandEncoder().event(for: c))` gives `c` back.
public struct CommandEncoder: Sendable {
    public init() {}

    public func event(for command: Command) throws(CoreMappingError) -> BollardCore.EPCISEvent {
        let names = BollardCommandVocabulary.Element.self
        func leaf(_ name: String, _ value: String) -> ExtensionElement {
            ExtensionElement(namespace: BollardNamespace.uri, name: name, value: value)
        }
        func transaction(_ step: BollardCommandVocabulary.Step, _ time: EventTime, _ source: SourcePointer,
                         _ transactions: [BizTransaction]) throws(CoreMappingError) -> BollardCore.EPCISEvent {
            var e = BollardCore.EPCISEvent(type: .transactionEvent, eventTime: time, eventTimeZoneOffset: try Self.offset(of: time),
                                           action: step.action, sourcePointer: source)
            e.bizStep = step.bizStep
            e.bizTransactionList = transactions
            return e
        }
        switch command {
        case .captureEvent(let e):
            return e
        case .issueReceipt(let c):
            var e = try transaction(.receiptIssuing, c.time, c.source, [BollardCommandVocabulary.receiptTransaction(c.receipt)])
            for line in c.lines {
                if Self.isSerialised(line.lot) {
                    e.epcList.append(line.lot)
                } else {
                    e.quantityList.append(QuantityElement(epcClass: line.lot, quantity: line.quantity.value, uom: line.quantity.unit))
                }
            }
            e.bizLocation = c.storageLocation.map { EPCISLocation($0) }
            e.extensions = [leaf(names.depositor, c.depositor.description)] + c.lines.map { line in
                ExtensionElement(namespace: BollardNamespace.uri, name: names.receiptLine, children: [
                    leaf(names.lot, line.lot.uri), leaf(names.quantity, line.quantity.value.description), leaf(names.uom, line.quantity.unit.code),
                ])
            }
            return e
        case .closeReceipt(let c):
            return try transaction(c.kind == .release ? .receiptReleasing : .receiptCancelling, c.time, c.source,
                                   [BollardCommandVocabulary.receiptTransaction(c.receipt)])
        case .pledgeReceipt(let c):
            var e = try transaction(.pledging, c.time, c.source, [BollardCommandVocabulary.receiptTransaction(c.receipt)])
            e.extensions = [leaf(names.lender, c.lender.value)]
            return e
        case .releaseEncumbrance(let c):
            return try transaction(.encumbranceReleasing, c.time, c.source, [BollardCommandVocabulary.receiptTransaction(c.receipt)])
        case .defineToken(let c):
            let d = c.definition
            var e = try transaction(.tokenListing, c.time, c.source, [BollardCommandVocabulary.tokenTransaction(d.symbol)])
            e.extensions = [leaf(names.issuer, d.issuer.description), leaf(names.unitPerToken, d.unitPerToken.value.description),
                            leaf(names.unitPerTokenUOM, d.unitPerToken.unit.code), leaf(names.collateralBasis, d.basis.rawValue)]
            return e
        case .bindReceipt(let c):
            return try transaction(.tokenBinding, c.time, c.source,
                                   [BollardCommandVocabulary.tokenTransaction(c.symbol), BollardCommandVocabulary.receiptTransaction(c.receipt)])
        case .reportInventory(let c):
            var e = BollardCore.EPCISEvent(type: .objectEvent, eventTime: c.time, eventTimeZoneOffset: try Self.offset(of: c.time),
                                           action: .observe, sourcePointer: c.source)
            e.bizStep = .stockTaking
            e.bizLocation = EPCISLocation(id: c.warehouse.locationURI)
            for line in c.lines {
                if let q = line.quantity {
                    e.quantityList.append(QuantityElement(epcClass: line.lot, quantity: q.value, uom: q.unit))
                } else {
                    e.epcList.append(line.lot)
                }
            }
            return e
        }
    }

    /// A serialised object (GIAI, SGTIN, SSCC… : one instance) goes in epcList; a lot of a trade
    /// item (LGTIN) in quantityList.
    static func isSerialised(_ epc: EPC) -> Bool {
        !(epc.uri.hasPrefix("https://id.gs1.org/01/") && !epc.uri.contains("/21/")) && !epc.uri.hasPrefix("urn:epc:class:")
    }

    /// EPCIS requires eventTimeZoneOffset; a command's time carries its offset at the end of the
    /// xsd:dateTime text (`Z` is `+00:00`).
    static func offset(of time: EventTime) throws(CoreMappingError) -> String {
        let text = time.text
        if text.hasSuffix("Z") || text.hasSuffix("z") { return "+00:00" }
        let tail = String(text.suffix(6))
        guard tail.first == "+" || tail.first == "-", tail.dropFirst(3).first == ":" else {
            throw CoreMappingError(.invalidValue, position: "\(time)", "time has no ±hh:mm offset")
        }
        return tail
    }
}
