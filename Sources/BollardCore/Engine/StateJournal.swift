/// An undo log of the state: the value each lot, receipt, token and recorded event had before
/// it was first changed, and the lengths of the append-only lists. Two uses, both O(what
/// changed) rather than O(state):
///
/// - a document is all or nothing (DESIGN.md "a rejected document changes nothing"): its
///   commands are applied in place after a `Mark`, and a refusal rolls back to it;
/// - a worker applies a batch in place, rolls it back when the commit is refused (another
///   worker got there first), and otherwise writes only the projection rows of what the journal
///   says changed (`StateDelta`).
///
/// Copying the whole state instead (a value type) would copy every lot once per document.
public struct StateJournal: Sendable {
    /// Where the state stood at a point in the journal.
    public struct Mark: Sendable, Hashable {
        var entries: Int
        var sequence: Int
        var events: Int
        var discrepancies: Int
        var custodyGaps: Int
    }

    enum Entry: Sendable {
        case lot(EPC, Lot?)
        case receipt(ReceiptKey, WarehouseReceipt?)
        case token(TokenSymbol, TokenDefinition?)
        case event(Int, RecordedEvent)
    }

    var start: Mark
    var entries: [Entry] = []
    // Keys already journaled since the latest mark: only the first change needs its old value.
    var lotsSeen: Set<EPC> = []
    var receiptsSeen: Set<ReceiptKey> = []
    var tokensSeen: Set<TokenSymbol> = []
    var eventsSeen: Set<Int> = []

    init(start: Mark) {
        self.start = start
    }

    mutating func clearSeen() {
        lotsSeen.removeAll(keepingCapacity: true)
        receiptsSeen.removeAll(keepingCapacity: true)
        tokensSeen.removeAll(keepingCapacity: true)
        eventsSeen.removeAll(keepingCapacity: true)
    }
}

/// What changed since a journal began: the old value of every lot, receipt and token touched
/// (nil: it did not exist), and where the append-only lists stood. A touched entry may be
/// unchanged; compare with the state to tell.
public struct StateDelta: Sendable {
    public var lots: [EPC: Lot?] = [:]
    public var receipts: [ReceiptKey: WarehouseReceipt?] = [:]
    public var tokens: [TokenSymbol: TokenDefinition?] = [:]
    public var sequence: Int
    public var events: Int
    public var discrepancies: Int
    public var custodyGaps: Int
}

extension ProvenanceState {
    var mark: StateJournal.Mark {
        StateJournal.Mark(entries: journal?.entries.count ?? 0, sequence: sequence, events: events.count,
                          discrepancies: discrepancies.count, custodyGaps: custodyGaps.count)
    }

    mutating func beginJournal() {
        journal = StateJournal(start: mark)
    }

    /// A point to roll back to; later changes journal their old values again.
    mutating func journalMark() -> StateJournal.Mark? {
        guard journal != nil else { return nil }
        journal?.clearSeen()
        return mark
    }

    /// Restores every value changed since `mark`, newest first, then shortens the lists.
    mutating func rollBack(to mark: StateJournal.Mark) {
        guard var j = journal else { return }
        journal = nil
        while j.entries.count > mark.entries, let entry = j.entries.popLast() {
            switch entry {
            case .lot(let k, let v): lots[k] = v
            case .receipt(let k, let v): receipts[k] = v
            case .token(let k, let v): tokens[k] = v
            case .event(let i, let v): if events.indices.contains(i) { events[i] = v }
            }
        }
        if events.count > mark.events { events.removeSubrange(mark.events...) }
        if discrepancies.count > mark.discrepancies { discrepancies.removeSubrange(mark.discrepancies...) }
        if custodyGaps.count > mark.custodyGaps { custodyGaps.removeSubrange(mark.custodyGaps...) }
        sequence = mark.sequence
        j.clearSeen()
        journal = j
    }

    /// The oldest journaled value of each key: its value when the journal began.
    var delta: StateDelta? {
        guard let start = journal?.start else { return nil }
        return delta(since: start)
    }

    /// The value each key touched after `mark` had at `mark`: `journalMark()` cleared the keys
    /// seen, so the first change of each after it journaled its value then.
    func delta(since mark: StateJournal.Mark) -> StateDelta? {
        guard let j = journal else { return nil }
        var d = StateDelta(sequence: mark.sequence, events: mark.events, discrepancies: mark.discrepancies,
                           custodyGaps: mark.custodyGaps)
        for entry in j.entries[min(mark.entries, j.entries.count)...].reversed() {
            switch entry {
            case .lot(let k, let v): d.lots[k] = .some(v)
            case .receipt(let k, let v): d.receipts[k] = .some(v)
            case .token(let k, let v): d.tokens[k] = .some(v)
            case .event: break
            }
        }
        return d
    }

    /// Forgets the journal before `mark`, which becomes its start: what came before is kept
    /// for good, and a roll-back undoes only what came after.
    mutating func trimJournal(to mark: StateJournal.Mark) {
        guard var j = journal else { return }
        journal = nil
        let cut = min(mark.entries, j.entries.count)
        j.entries.removeFirst(cut)
        j.start = StateJournal.Mark(entries: 0, sequence: mark.sequence, events: mark.events, discrepancies: mark.discrepancies,
                                    custodyGaps: mark.custodyGaps)
        journal = j
    }

    // MARK: Journaled mutation (every change to a keyed entry goes through one of these)

    /// Mutates a lot in place (creating it on first mention) without copying its arrays.
    mutating func withLot(_ epc: EPC, _ body: (inout Lot) -> Void) {
        if journal != nil, journal?.lotsSeen.insert(epc).inserted == true {
            journal?.entries.append(.lot(epc, lots[epc]))
        }
        body(&lots[epc, default: Lot(epc: epc)])
    }

    mutating func setReceipt(_ receipt: WarehouseReceipt) {
        if journal != nil, journal?.receiptsSeen.insert(receipt.key).inserted == true {
            journal?.entries.append(.receipt(receipt.key, receipts[receipt.key]))
        }
        receipts[receipt.key] = receipt
    }

    mutating func setToken(_ token: TokenDefinition) {
        if journal != nil, journal?.tokensSeen.insert(token.symbol).inserted == true {
            journal?.entries.append(.token(token.symbol, tokens[token.symbol]))
        }
        tokens[token.symbol] = token
    }

    mutating func withEvent(at index: Int, _ body: (inout RecordedEvent) -> Void) {
        guard events.indices.contains(index) else { return }
        if journal != nil, journal?.eventsSeen.insert(index).inserted == true {
            journal?.entries.append(.event(index, events[index]))
        }
        body(&events[index])
    }
}
