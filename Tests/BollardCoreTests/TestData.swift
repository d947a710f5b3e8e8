import Testing

@testable import BollardCore

/// Parties, identifiers and a small story builder shared by the engine tests.
enum TestData {
    static func source(_ n: Int) throws -> SourcePointer {
        let hex = String(n, radix: 16)
        return try SourcePointer(documentSHA256: String(repeating: "0", count: 64 - hex.count) + hex, position: .jsonPath(path: "$['epcisBody']['eventList'][\(n)]"))
    }

    static func gln(_ s: String) -> GLN {
        do { return try GLN(s) } catch { fatalError("test GLN \(s): \(error)") }
    }

    static let onsan = gln("8801234000017")
    static let gamcheon = gln("8801234000024")
    static let terminal = gln("8801234000031")
    static let w1 = gln("8801234000048")
    static let w2 = gln("8801234000055")
    static let tankTerminal = gln("8801234000062")
    static let bdaxLEI = lei("98450012BDAX00000087")
    static let suyeongLEI = lei("98450012SUYE00000057")
    static let bdax = PartyID.lei(bdaxLEI)
    static let suyeong = PartyID.lei(suyeongLEI)

    static func lei(_ s: String) -> LEI {
        do { return try LEI(s) } catch { fatalError("test LEI \(s): \(error)") }
    }

    static func bar(_ serial: String) throws -> EPC { try EPC.giai(companyPrefix: "8801234", assetReference: serial) }
    static func copper(_ lot: String) throws -> EPC { try EPC.lgtin(gtin: GTIN("08801234000024"), lot: lot) }
    static func parcel(_ id: String) throws -> EPC { try EPC.lgtin(gtin: GTIN("08801234000062"), lot: id) }
    static func container(_ n: String) throws -> EPC { EPC.container(try ContainerNumber(n)) }
    static func key(_ warehouse: GLN, _ number: String) throws -> ReceiptKey { ReceiptKey(warehouse: warehouse, number: try ReceiptNumber(number)) }
}

/// Builds commands with increasing times and distinct source pointers, and applies them.
struct Story {
    var engine = ProvenanceEngine()
    var step = 0
    /// Every accepted submission, in order: the log a store would keep.
    var log: [Submission] = []

    var state: ProvenanceState { engine.state }

    mutating func next() throws -> (EventTime, SourcePointer) {
        step += 1
        let minutes = 8 * 60 + step
        let day = 2 + minutes / 1440
        let hour = (minutes % 1440) / 60
        let minute = minutes % 60
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        let time = try EventTime("2026-03-\(two(day))T\(two(hour)):\(two(minute)):00.000+09:00")
        return (time, try TestData.source(step))
    }

    mutating func event(_ type: EventType, _ action: Action?, _ bizStep: BizStep?, at location: GLN? = nil,
                        _ configure: (inout EPCISEvent) throws -> Void = { _ in }) throws -> EPCISEvent {
        let (time, source) = try next()
        var e = EPCISEvent(type: type, eventTime: time, eventTimeZoneOffset: "+09:00", action: action, sourcePointer: source)
        e.eventID = "ni:///sha-256;\(source.documentSHA256)?ver=CBV2.0"
        e.bizStep = bizStep
        if let location { e.bizLocation = EPCISLocation(id: location.locationURI) }
        try configure(&e)
        return e
    }

    @discardableResult
    mutating func submit(_ command: Command, by submitter: PartyID) throws -> ApplyOutcome {
        let outcome = try engine.apply(command, submitter: submitter)
        log.append(Submission(submitter: submitter, command: command))
        return outcome
    }

    @discardableResult
    mutating func capture(_ e: EPCISEvent, by submitter: PartyID) throws -> ApplyOutcome {
        try submit(.captureEvent(e), by: submitter)
    }

    /// Applies a command that must be refused with `code`, and checks nothing changed.
    mutating func expectRefusal(_ command: Command, by submitter: PartyID, _ code: ProvenanceError.Code,
                                sourceLocation: SourceLocation = #_sourceLocation) -> ProvenanceError? {
        let before = engine.state
        do {
            try engine.apply(command, submitter: submitter)
            Issue.record("accepted; expected \(code)", sourceLocation: sourceLocation)
            return nil
        } catch {
            #expect(error.code == code, sourceLocation: sourceLocation)
            #expect(engine.state == before, "a refused command changed the state", sourceLocation: sourceLocation)
            #expect(error.source == command.source, sourceLocation: sourceLocation)
            return error
        }
    }

    // MARK: - Commands

    mutating func issue(_ key: ReceiptKey, depositor: PartyID, lines: [ReceiptLine], location: StorageLocation? = nil) throws -> Command {
        let (time, source) = try next()
        return .issueReceipt(ReceiptIssuance(receipt: key, depositor: depositor, storageLocation: location, lines: lines, time: time, source: source))
    }

    mutating func close(_ key: ReceiptKey, _ kind: ReceiptClosure.Kind) throws -> Command {
        let (time, source) = try next()
        return .closeReceipt(ReceiptClosure(receipt: key, kind: kind, time: time, source: source))
    }

    mutating func pledge(_ key: ReceiptKey, to lender: LEI) throws -> Command {
        let (time, source) = try next()
        return .pledgeReceipt(PledgeInstruction(receipt: key, lender: lender, time: time, source: source))
    }

    mutating func list(_ symbol: String, unit: Quantity, basis: TokenDefinition.CollateralBasis, issuer: PartyID = TestData.bdax) throws -> Command {
        let (time, source) = try next()
        let def = TokenDefinition(symbol: try TokenSymbol(symbol), issuer: issuer, unitPerToken: unit, basis: basis)
        return .defineToken(TokenListing(definition: def, time: time, source: source))
    }

    mutating func bind(_ key: ReceiptKey, to symbol: String) throws -> Command {
        let (time, source) = try next()
        return .bindReceipt(TokenBindingInstruction(symbol: try TokenSymbol(symbol), receipt: key, time: time, source: source))
    }

    mutating func unencumber(_ key: ReceiptKey) throws -> Command {
        let (time, source) = try next()
        return .releaseEncumbrance(EncumbranceRelease(receipt: key, time: time, source: source))
    }

    mutating func inventory(_ warehouse: GLN, _ lines: [InventoryReport.Line]) throws -> Command {
        let (time, source) = try next()
        return .reportInventory(InventoryReport(warehouse: warehouse, lines: lines, time: time, source: source))
    }

    // MARK: - Events

    /// Commissioning with commodity master data in ILMD.
    mutating func commission(_ epc: EPC, _ commodity: Commodity, hs: String, by refiner: GLN) throws {
        let e = try event(.objectEvent, .add, .commissioning, at: refiner) {
            $0.epcList = [epc]
            $0.ilmd = ILMD(commodity: commodity, hsCode: try HSCode(hs))
            $0.disposition = .active
        }
        try capture(e, by: .gln(refiner))
    }

    /// Commissioning a quantity-level lot.
    mutating func commission(lot: EPC, _ commodity: Commodity, hs: String, by producer: GLN) throws {
        let e = try event(.objectEvent, .add, .commissioning, at: producer) {
            $0.quantityList = [QuantityElement(epcClass: lot, quantity: commodity.statedQuantity.value, uom: commodity.statedQuantity.unit)]
            $0.ilmd = ILMD(commodity: commodity, hsCode: try HSCode(hs))
        }
        try capture(e, by: .gln(producer))
    }

    /// Stuffing into a container under a bill of lading (the manifest).
    mutating func stuff(_ container: EPC, children: [EPC] = [], quantities: [QuantityElement] = [], bol: String, by party: GLN) throws {
        let e = try event(.aggregationEvent, .add, .packing, at: party) {
            $0.parentID = container
            $0.childEPCs = children
            $0.childQuantityList = quantities
            $0.bizTransactionList = [BizTransaction(type: .billOfLading, bizTransaction: "urn:epcglobal:cbv:bt:\(party.value):\(bol)")]
        }
        try capture(e, by: .gln(party))
    }

    mutating func observe(_ objects: [EPC], _ step: BizStep, at location: GLN, by party: PartyID, quantities: [QuantityElement] = []) throws -> ApplyOutcome {
        let e = try event(.objectEvent, .observe, step, at: location) {
            $0.epcList = objects
            $0.quantityList = quantities
        }
        return try capture(e, by: party)
    }

    mutating func unpack(_ container: EPC, at location: GLN) throws {
        let e = try event(.aggregationEvent, .delete, .unpacking, at: location) { $0.parentID = container }
        try capture(e, by: .gln(location))
    }
}
