extension ProvenanceState {
    /// Rule 5: a lot received with no arrival evidence before it is flagged once, with where and
    /// from which document it was received.
    mutating func flagGapIfNoArrival(_ lot: EPC, receivedAt: String?, receipt: ReceiptKey?, time: EventTime,
                                     source: SourcePointer, flags: inout [Flag]) {
        guard lots[lot]?.arrivalEventIndex == nil, lots[lot]?.custodyGapIndexes.isEmpty ?? true else { return }
        let gap = CustodyGap(lot: lot, receivedAt: receivedAt, receipt: receipt, sequence: sequence, time: time, source: source)
        let index = custodyGaps.count
        withLot(lot) { $0.custodyGapIndexes.append(index) }
        custodyGaps.append(gap)
        flags.append(.custodyGap(gap))
    }

    /// Rule 3 against the manifest (or declared) quantity of the lot.
    mutating func reconcile(_ lot: EPC, received: Quantity, receipt: ReceiptKey?, time: EventTime,
                            source: SourcePointer, flags: inout [Flag]) {
        guard let expected = lots[lot]?.expectedQuantity else { return }
        recordIfOutsideTolerance(lot, expected: expected, received: received, receipt: receipt, time: time, source: source, flags: &flags)
    }

    /// Records a discrepancy when |received − expected| > tolerance% × expected. Quantities that
    /// cannot be compared exactly (different dimensions, unknown units) are recorded too, with
    /// no deviation: an unverifiable quantity is never silently accepted as matching.
    /// The same (lot, expected, received) is recorded once.
    mutating func recordIfOutsideTolerance(_ lot: EPC, expected: Quantity, received: Quantity, receipt: ReceiptKey?,
                                           time: EventTime, source: SourcePointer, flags: inout [Flag]) {
        let tolerance = policy.reconciliationTolerancePercent
        var deviation: ExactDecimal?
        if let e = try? expected.inBaseUnit(), let r = try? received.inBaseUnit(), expected.dimension == received.dimension {
            if let diff = try? r - e, let lhs = try? diff.magnitude * ExactDecimal(100), let rhs = try? tolerance * e.magnitude {
                if lhs <= rhs { return }
                deviation = try? (diff * ExactDecimal(100)).divided(by: e, scale: 3, rounding: .halfEven)
            }
        }
        let earlier = lots[lot]?.discrepancyIndexes ?? []
        if earlier.contains(where: { discrepancies.element(at: $0).map { $0.expected == expected && $0.received == received } ?? false }) { return }
        let d = Discrepancy(lot: lot, expected: expected, received: received, deviationPercent: deviation,
                            tolerancePercent: tolerance, receipt: receipt, sequence: sequence, time: time, source: source)
        let index = discrepancies.count
        withLot(lot) { $0.discrepancyIndexes.append(index) }
        discrepancies.append(d)
        flags.append(.discrepancy(d))
    }
}
