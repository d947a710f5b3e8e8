import BollardCore

/// Decides which engine command a Core event stands for.
///
/// Custody events (every CBV bizStep except the two counting steps) are captured as they are. A
/// TransactionEvent with one of `BollardCommandVocabulary.Step`'s bizSteps is a receipt, pledge
/// or token command. An ObjectEvent OBSERVE with bizStep `stock_taking` or `cycle_counting`
/// (CBV 2.0: counting the objects at a location to establish inventory) is the warehouse's
/// inventory report for the site of its bizLocation: as a report, and not a plain captured event,
/// it is held to the rules — only that warehouse may send it, and counted quantities are
/// reconciled against the live receipt (rule 3). Anything contradictory is refused, never guessed at.
public struct CommandInterpreter: Sendable {
    public init() {}

    public func command(for e: BollardCore.EPCISEvent, position: String) throws(CoreMappingError) -> Command {
        let p = CommandParts(event: e, position: position)
        guard let step = BollardCommandVocabulary.Step(e.bizStep) else {
            if e.bizStep == .stockTaking || e.bizStep == .cycleCounting {
                return .reportInventory(try p.inventoryReport())
            }
            if let uri = e.bizStep?.uri, uri.hasPrefix(BollardCommandVocabulary.bizStepPrefix) {
                throw p.error(.inconsistentCommand, "bizStep", "'\(uri)' is in Bollard's namespace but names no command")
            }
            return .captureEvent(e)
        }
        guard e.type == .transactionEvent else {
            throw p.error(.inconsistentCommand, "type", "bizStep \(step.rawValue) is carried by a TransactionEvent, not a \(e.type.rawValue)")
        }
        guard e.action == step.action else {
            throw p.error(.inconsistentCommand, "action", "bizStep \(step.rawValue) needs action \(step.action.rawValue)")
        }
        switch step {
        case .receiptIssuing:
            return .issueReceipt(ReceiptIssuance(receipt: try p.receipt(), depositor: try p.party(BollardCommandVocabulary.Element.depositor),
                                                 storageLocation: try p.storageLocation(), lines: try p.receiptLines(),
                                                 time: e.eventTime, source: e.sourcePointer))
        case .receiptReleasing:
            return .closeReceipt(ReceiptClosure(receipt: try p.receipt(), kind: .release, time: e.eventTime, source: e.sourcePointer))
        case .receiptCancelling:
            return .closeReceipt(ReceiptClosure(receipt: try p.receipt(), kind: .cancel, time: e.eventTime, source: e.sourcePointer))
        case .pledging:
            let text = try p.text(BollardCommandVocabulary.Element.lender)
            let lender = try p.convert(p.qualified(BollardCommandVocabulary.Element.lender)) { () throws(IdentifierError) in try LEI(text) }
            return .pledgeReceipt(PledgeInstruction(receipt: try p.receipt(), lender: lender, time: e.eventTime, source: e.sourcePointer))
        case .encumbranceReleasing:
            return .releaseEncumbrance(EncumbranceRelease(receipt: try p.receipt(), time: e.eventTime, source: e.sourcePointer))
        case .tokenListing:
            let names = BollardCommandVocabulary.Element.self
            let amount = try p.text(names.unitPerToken)
            let uom = try p.text(names.unitPerTokenUOM)
            let unit = try p.convert(p.qualified(names.unitPerToken)) { () throws(DecimalError) in try ExactDecimal(amount) }
            let code = try p.convert(p.qualified(names.unitPerTokenUOM)) { () throws(IdentifierError) in try UnitCode(uom) }
            let basisText = try p.text(names.collateralBasis)
            guard let basis = TokenDefinition.CollateralBasis(rawValue: basisText) else {
                throw p.error(.invalidValue, p.qualified(names.collateralBasis), "'\(basisText)' is not fineMass, mass or standardVolume")
            }
            let definition = TokenDefinition(symbol: try p.token(), issuer: try p.party(names.issuer), unitPerToken: Quantity(unit, code), basis: basis)
            return .defineToken(TokenListing(definition: definition, time: e.eventTime, source: e.sourcePointer))
        case .tokenBinding:
            return .bindReceipt(TokenBindingInstruction(symbol: try p.token(), receipt: try p.receipt(), time: e.eventTime, source: e.sourcePointer))
        }
    }
}

/// Reads the parts of a command event, with errors naming the event and the part.
struct CommandParts {
    let event: BollardCore.EPCISEvent
    let position: String

    func error(_ code: CoreMappingError.Code, _ field: String, _ context: String) -> CoreMappingError {
        CoreMappingError(code, position: CoreMappingError.position(position, field: field), context)
    }

    func convert<T, E: Error>(_ field: String, _ f: () throws(E) -> T) throws(CoreMappingError) -> T {
        do { return try f() } catch { throw self.error(.invalidValue, field, "\(error)") }
    }

    /// A Bollard extension element's name as error positions give it: `{namespace}local`.
    func qualified(_ name: String) -> String { "{\(BollardNamespace.uri)}\(name)" }

    func elements(_ name: String) -> [ExtensionElement] {
        event.extensions.filter { $0.namespace == BollardNamespace.uri && $0.name == name }
    }

    func text(_ name: String) throws(CoreMappingError) -> String {
        let found = elements(name)
        guard found.count == 1, let v = found[0].value else {
            throw error(found.count > 1 ? .inconsistentCommand : .missingField, qualified(name),
                        found.count > 1 ? "given \(found.count) times" : "required (a text value)")
        }
        return v
    }

    func party(_ name: String) throws(CoreMappingError) -> PartyID {
        let t = try text(name)
        return try convert(qualified(name)) { () throws(IdentifierError) in try PartyID(t) }
    }

    /// The one warehouse_receipt business transaction: `urn:epcglobal:cbv:bt:{GLN}:{number}`.
    func receipt() throws(CoreMappingError) -> ReceiptKey {
        let found = event.bizTransactions(ofType: .warehouseReceipt)
        guard found.count == 1 else {
            throw error(found.isEmpty ? .missingField : .inconsistentCommand, "bizTransactionList",
                        "expected exactly one \(BizTransactionType.warehouseReceipt.uri) transaction, found \(found.count)")
        }
        let prefix = BollardCommandVocabulary.receiptTransactionPrefix
        let text = found[0]
        guard text.hasPrefix(prefix), let colon = text.dropFirst(prefix.count).firstIndex(of: ":") else {
            throw error(.invalidValue, "bizTransactionList", "'\(text)' is not \(prefix){warehouse GLN}:{receipt number}")
        }
        let gln = String(text[text.index(text.startIndex, offsetBy: prefix.count)..<colon])
        let number = String(text[text.index(after: colon)...])
        return try convert("bizTransactionList") { () throws(IdentifierError) in
            ReceiptKey(warehouse: try GLN(gln), number: try ReceiptNumber(number))
        }
    }

    func token() throws(CoreMappingError) -> TokenSymbol {
        let found = event.bizTransactions(ofType: BollardCommandVocabulary.tokenTransaction)
        guard found.count == 1, found[0].hasPrefix(BollardCommandVocabulary.tokenPrefix) else {
            throw error(.missingField, "bizTransactionList",
                        "expected exactly one \(BollardCommandVocabulary.tokenTransaction.uri) transaction \(BollardCommandVocabulary.tokenPrefix){symbol}")
        }
        let symbol = String(found[0].dropFirst(BollardCommandVocabulary.tokenPrefix.count))
        return try convert("bizTransactionList") { () throws(IdentifierError) in try TokenSymbol(symbol) }
    }

    func storageLocation() throws(CoreMappingError) -> StorageLocation? {
        guard let id = event.bizLocation?.id else { return nil }
        return try convert("bizLocation") { () throws(IdentifierError) in try StorageLocation(uri: id) }
    }

    /// `bollard:receiptLine` elements, each naming a lot the event also lists in epcList or
    /// quantityList (so plain EPCIS consumers see the same objects) and its received quantity.
    func receiptLines() throws(CoreMappingError) -> [ReceiptLine] {
        let names = BollardCommandVocabulary.Element.self
        let listed = Set(event.epcList + event.quantityList.map(\.epcClass))
        var lines: [ReceiptLine] = []
        for (i, element) in elements(names.receiptLine).enumerated() {
            let field = qualified(names.receiptLine) + "[\(i)]"
            func child(_ name: String) throws(CoreMappingError) -> String {
                guard let v = element.children.first(where: { $0.namespace == BollardNamespace.uri && $0.name == name })?.value else {
                    throw error(.missingField, field, "\(name) is required")
                }
                return v
            }
            let lotText = try child(names.lot)
            let amount = try child(names.quantity)
            let uom = try child(names.uom)
            let lot = try convert(field) { () throws(IdentifierError) in try EPC(DigitalLinkNormaliser.normalise(lotText) ?? lotText) }
            guard listed.contains(lot) else {
                throw error(.inconsistentCommand, field, "\(lot) is not in the event's epcList or quantityList")
            }
            let quantity = Quantity(try convert(field) { () throws(DecimalError) in try ExactDecimal(amount) },
                                    try convert(field) { () throws(IdentifierError) in try UnitCode(uom) })
            lines.append(ReceiptLine(lot: lot, quantity: quantity))
        }
        guard !lines.isEmpty else { throw error(.missingField, qualified(names.receiptLine), "a receipt needs at least one line") }
        return lines
    }

    func inventoryReport() throws(CoreMappingError) -> InventoryReport {
        guard event.type == .objectEvent, event.action == .observe else {
            throw error(.inconsistentCommand, "bizStep", "an inventory count is an ObjectEvent with action OBSERVE")
        }
        guard let site = try storageLocation()?.site else {
            throw error(.missingField, "bizLocation", "an inventory count names the warehouse as bizLocation")
        }
        let lines = event.epcList.map { InventoryReport.Line(lot: $0) }
            + event.quantityList.map { InventoryReport.Line(lot: $0.epcClass, quantity: $0.asQuantity) }
        return InventoryReport(warehouse: site, lines: lines, time: event.eventTime, source: event.sourcePointer)
    }
}
