/// The exchange's question, "is token T fully backed right now?", answered from the state.
public struct CollateralReport: Hashable, Sendable {
    public enum Status: Hashable, Sendable {
        /// Collateral ≥ supply × unit; the surplus in the token's unit.
        case backed(surplus: Quantity)
        /// Collateral < supply × unit; the missing amount in the token's unit (e.g. bbl).
        case shortfall(Quantity)
    }

    public var token: TokenDefinition
    /// Tokens in circulation, as the exchange states them.
    public var statedSupply: ExactDecimal
    /// statedSupply × unitPerToken.
    public var required: Quantity
    /// Sum over receipts backing the token now, in the token's unit.
    public var collateral: Quantity
    public var status: Status
    /// Every receipt bound to the token now or before (released/cancelled ones show why they
    /// stopped counting).
    public var receipts: [ReceiptCollateral]
    /// Discrepancies and custody gaps on the lots of the receipts backing the token now.
    public var discrepancies: [Discrepancy]
    public var custodyGaps: [CustodyGap]

    public var isBacked: Bool {
        if case .backed = status { return true }
        return false
    }

    public var shortfall: Quantity? {
        if case .shortfall(let q) = status { return q }
        return nil
    }
}

public struct ReceiptCollateral: Hashable, Sendable {
    public var receipt: ReceiptKey
    public var state: ReceiptState
    /// Counts towards the token now (pledged to it and live).
    public var backing: Bool
    /// The receipt's collateral in the token's unit (fine oz, t, bbl …).
    public var quantity: Quantity
    public var lots: [EPC]
    /// Lots the receipt's own warehouse confirmed (inventory report or stock count) after
    /// issuing the receipt.
    public var confirmedLots: [EPC]
    public var discrepancies: [Discrepancy]
    public var custodyGaps: [CustodyGap]
}

extension ProvenanceState {
    /// The collateral a receipt provides for `token`, in the token's unit: fine content of bars
    /// for `.fineMass`, received mass for `.mass`, received standard volume for
    /// `.standardVolume`. Exact when the conversion terminates; otherwise rounded down at 9
    /// decimals, so collateral is never overstated.
    public func collateral(of receipt: WarehouseReceipt, for token: TokenDefinition) throws(QuantityError) -> Quantity {
        let unit = token.unitPerToken.unit
        var total = Quantity(.zero, unit)
        for line in receipt.lines {
            let measure: Quantity
            switch token.basis {
            case .fineMass:
                guard let fine = line.fineQuantity else {
                    throw QuantityError(.incompatibleDimensions, "\(line.lot) has no fine content (not a precious-metal bar)")
                }
                measure = fine
            case .mass, .standardVolume:
                measure = line.quantity
            }
            let converted: Quantity
            do {
                converted = try measure.converted(to: unit)
            } catch where error.code == .inexact {
                converted = try measure.converted(to: unit, scale: 9, rounding: .down)
            }
            total = try total.adding(converted)
        }
        return total
    }

    /// Receipts bound to the token, their states and quantities, reconciled against the supply
    /// the exchange states.
    public func collateralReport(for symbol: TokenSymbol, statedSupply: ExactDecimal) throws(QueryError) -> CollateralReport {
        guard let token = tokens[symbol] else { throw QueryError(.unknownToken, symbol.value) }
        let unit = token.unitPerToken.unit
        var total = Quantity(.zero, unit)
        var rows: [ReceiptCollateral] = []
        var discrepancies: [Discrepancy] = []
        var gaps: [CustodyGap] = []
        for key in receipts.keys.sorted() {
            guard let r = receipts[key], r.encumbrance == .token(symbol) else { continue }
            let q: Quantity
            do { q = try collateral(of: r, for: token) } catch { throw QueryError(.arithmetic, "\(key): \(error)") }
            let backing = r.backs(symbol)
            let d = self.discrepancies(onReceipt: key)
            let g = self.custodyGaps(onReceipt: key)
            let confirmed = r.lots.filter { lot in
                lots[lot]?.confirmations.contains { $0.submitter == .gln(key.warehouse) && $0.time >= r.issuedAt } ?? false
            }
            rows.append(ReceiptCollateral(receipt: key, state: r.state, backing: backing, quantity: q, lots: r.lots,
                                          confirmedLots: confirmed, discrepancies: d, custodyGaps: g))
            if backing {
                do { total = try total.adding(q) } catch { throw QueryError(.arithmetic, error.description) }
                discrepancies += d
                gaps += g
            }
        }
        let required: Quantity
        let difference: Quantity
        do {
            required = try token.unitPerToken.multiplied(by: statedSupply)
            difference = try total.subtracting(required)
        } catch {
            throw QueryError(.arithmetic, error.description)
        }
        let status: CollateralReport.Status = difference.value.isNegative
            ? .shortfall(Quantity(difference.value.negated, unit)) : .backed(surplus: difference)
        return CollateralReport(token: token, statedSupply: statedSupply, required: required, collateral: total, status: status,
                                receipts: rows, discrepancies: discrepancies, custodyGaps: gaps)
    }
}
