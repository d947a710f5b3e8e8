/// Discrepancies and custody gaps as the lot, receipt and token views show them.
extension ProvenanceState {
    public func discrepancies(onLot lot: EPC) -> [Discrepancy] {
        (lots[lot]?.discrepancyIndexes ?? []).compactMap { discrepancies.element(at: $0) }
    }

    public func custodyGaps(onLot lot: EPC) -> [CustodyGap] {
        (lots[lot]?.custodyGapIndexes ?? []).compactMap { custodyGaps.element(at: $0) }
    }

    /// Discrepancies on any lot of the receipt: a receipt inherits its lots' flags.
    public func discrepancies(onReceipt key: ReceiptKey) -> [Discrepancy] {
        guard let r = receipts[key] else { return [] }
        return r.lots.flatMap { lots[$0]?.discrepancyIndexes ?? [] }.sorted().compactMap { discrepancies.element(at: $0) }
    }

    public func custodyGaps(onReceipt key: ReceiptKey) -> [CustodyGap] {
        guard let r = receipts[key] else { return [] }
        return r.lots.flatMap { lots[$0]?.custodyGapIndexes ?? [] }.sorted().compactMap { custodyGaps.element(at: $0) }
    }

    /// All receipts that ever held the lot, in issue order.
    public func receipts(of lot: EPC) -> [WarehouseReceipt] {
        (lots[lot]?.receipts ?? []).compactMap { receipts[$0] }
    }
}
