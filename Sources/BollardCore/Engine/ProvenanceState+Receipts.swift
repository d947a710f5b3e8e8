extension ProvenanceState {
    /// Issues a receipt. Refused, in this order: submitter is not the warehouse (a warehouse
    /// writes only for itself); the number was used before by this warehouse, in any state
    /// (rule 1); no lines or a lot twice; a lot already on a live receipt (rule 1); a
    /// non-positive quantity. Accepted receipts flag custody gaps (rule 5) and discrepancies
    /// (rule 3) for their lots.
    mutating func issue(_ c: ReceiptIssuance, by submitter: PartyID, flags: inout [Flag]) throws(ProvenanceError) {
        let key = c.receipt
        guard submitter == .gln(key.warehouse) else {
            throw ProvenanceError(.warehouseWritesOnlyForItself, objects: [key.description, submitter.description],
                                  "\(submitter) may not issue receipts for warehouse \(key.warehouse)")
        }
        if let existing = receipts[key] {
            throw ProvenanceError(.duplicateReceiptNumber, objects: [key.description, existing.depositor.description, c.depositor.description],
                                  "receipt \(key.number) was already issued by \(key.warehouse) at \(existing.issuedAt)")
        }
        guard !c.lines.isEmpty else {
            throw ProvenanceError(.emptyReceipt, objects: [key.description], "a receipt must name at least one lot")
        }
        var seen = Set<EPC>()
        for line in c.lines where !seen.insert(line.lot).inserted {
            throw ProvenanceError(.duplicateLotOnReceipt, objects: [key.description, line.lot.uri], "lot appears twice on the receipt")
        }
        for line in c.lines {
            if let live = liveReceipt(holding: line.lot) {
                throw ProvenanceError(.lotOnLiveReceipt, objects: [line.lot.uri, live.key.description, key.description],
                                      "lot is already on live receipt \(live.key) (\(live.state.rawValue))")
            }
            if let (related, live) = liveReceiptOnRelatedLot(line.lot) {
                throw ProvenanceError(.lotOnLiveReceipt, objects: [line.lot.uri, live.key.description, key.description, related.uri],
                                      "the same goods are on live receipt \(live.key) as \(related) (container, or other side of a transformation)")
            }
            guard line.quantity.value > .zero else {
                throw ProvenanceError(.invalidQuantity, objects: [key.description, line.lot.uri], "received quantity \(line.quantity) must be positive")
            }
        }
        var lines = c.lines
        for i in lines.indices {
            // Fine content comes from the refiner's assay (ILMD), never from the receipt itself.
            lines[i].fineQuantity = nil
            guard case .preciousMetalBar(let bar) = lots[lines[i].lot]?.commodity else { continue }
            do {
                let fine = try (lines[i].quantity.value * bar.fineness).shifted(byPowerOfTen: -3)
                lines[i].fineQuantity = Quantity(fine, lines[i].quantity.unit)
            } catch {
                throw ProvenanceError(.invalidQuantity, objects: [key.description, lines[i].lot.uri], error.description)
            }
        }
        setReceipt(WarehouseReceipt(
            key: key, depositor: c.depositor, storageLocation: c.storageLocation, lines: lines, state: .issued,
            encumbrance: nil, issuedAt: c.time, closedAt: nil,
            history: [ReceiptHistoryEntry(change: .issued, sequence: sequence, time: c.time, source: c.source)]))
        let at = c.storageLocation?.uri ?? key.warehouse.locationURI
        for line in lines {
            withLot(line.lot) { $0.receipts.append(key) }
            flagGapIfNoArrival(line.lot, receivedAt: at, receipt: key, time: c.time, source: c.source, flags: &flags)
            reconcile(line.lot, received: line.quantity, receipt: key, time: c.time, source: c.source, flags: &flags)
        }
    }

    /// Rule 4: release or cancel ends the receipt at once; its lots are free for a new receipt
    /// and it no longer backs anything.
    mutating func close(_ c: ReceiptClosure, by submitter: PartyID) throws(ProvenanceError) {
        let key = c.receipt
        guard submitter == .gln(key.warehouse) else {
            throw ProvenanceError(.warehouseWritesOnlyForItself, objects: [key.description, submitter.description],
                                  "\(submitter) may not \(c.kind.rawValue) receipts of warehouse \(key.warehouse)")
        }
        var r = try existingReceipt(key)
        guard r.state.isLive else {
            throw ProvenanceError(.receiptNotLive, objects: [key.description], "receipt is already \(r.state.rawValue)")
        }
        r.state = c.kind == .release ? .released : .cancelled
        r.closedAt = c.time
        r.history.append(ReceiptHistoryEntry(change: c.kind == .release ? .released : .cancelled, sequence: sequence, time: c.time, source: c.source))
        setReceipt(r)
    }

    /// Rule 2: a pledged receipt (to a lender or to a token) cannot be pledged again.
    /// The pledge is submitted by the lender or by the issuing warehouse.
    mutating func pledge(_ c: PledgeInstruction, by submitter: PartyID) throws(ProvenanceError) {
        let key = c.receipt
        guard submitter == .lei(c.lender) || submitter == .gln(key.warehouse) else {
            throw ProvenanceError(.notEncumbranceHolder, objects: [key.description, submitter.description],
                                  "a pledge to \(c.lender) is submitted by that lender or by the warehouse")
        }
        var r = try existingReceipt(key)
        guard r.state.isLive else {
            throw ProvenanceError(.receiptNotLive, objects: [key.description], "receipt is \(r.state.rawValue)")
        }
        if r.state == .pledged {
            throw ProvenanceError(.receiptAlreadyPledged, objects: [key.description, r.encumbrance?.description ?? "", "lender \(c.lender)"],
                                  "receipt is already pledged to \(r.encumbrance?.description ?? "another party")")
        }
        r.state = .pledged
        r.encumbrance = .lender(c.lender)
        r.history.append(ReceiptHistoryEntry(change: .pledged, sequence: sequence, time: c.time, source: c.source))
        setReceipt(r)
    }

    mutating func list(_ c: TokenListing, by submitter: PartyID) throws(ProvenanceError) {
        let t = c.definition
        guard submitter == t.issuer else {
            throw ProvenanceError(.notTokenIssuer, objects: [t.symbol.value, submitter.description], "only \(t.issuer) may list \(t.symbol)")
        }
        guard tokens[t.symbol] == nil else {
            throw ProvenanceError(.duplicateToken, objects: [t.symbol.value], "token is already listed")
        }
        let wanted: PhysicalDimension = t.basis == .standardVolume ? .volume : .mass
        guard t.unitPerToken.value > .zero, t.unitPerToken.dimension == wanted else {
            throw ProvenanceError(.invalidQuantity, objects: [t.symbol.value, t.unitPerToken.description],
                                  "unit per token must be a positive \(wanted.rawValue) for basis \(t.basis.rawValue)")
        }
        setToken(t)
    }

    /// Rule 2: binding a receipt that already backs a token, or is pledged to a lender, is refused.
    mutating func bind(_ c: TokenBindingInstruction, by submitter: PartyID) throws(ProvenanceError) {
        let key = c.receipt
        guard let token = tokens[c.symbol] else {
            throw ProvenanceError(.unknownToken, objects: [c.symbol.value], "no such token")
        }
        guard submitter == token.issuer else {
            throw ProvenanceError(.notTokenIssuer, objects: [c.symbol.value, submitter.description], "only \(token.issuer) may bind receipts to \(c.symbol)")
        }
        var r = try existingReceipt(key)
        guard r.state.isLive else {
            throw ProvenanceError(.receiptNotLive, objects: [key.description, c.symbol.value], "receipt is \(r.state.rawValue)")
        }
        if r.state == .pledged {
            if case .token(let other) = r.encumbrance {
                throw ProvenanceError(.receiptBacksAnotherToken, objects: [key.description, other.value, c.symbol.value],
                                      "receipt already backs token \(other)")
            }
            throw ProvenanceError(.receiptAlreadyPledged, objects: [key.description, r.encumbrance?.description ?? "", c.symbol.value],
                                  "receipt is pledged to \(r.encumbrance?.description ?? "another party")")
        }
        do {
            _ = try collateral(of: r, for: token)
        } catch {
            throw ProvenanceError(.incompatibleCollateral, objects: [key.description, c.symbol.value], error.description)
        }
        r.state = .pledged
        r.encumbrance = .token(c.symbol)
        r.history.append(ReceiptHistoryEntry(change: .bound, sequence: sequence, time: c.time, source: c.source))
        setReceipt(r)
    }

    /// The holder of an encumbrance (the lender, or the token's issuer) lets go of it.
    mutating func releaseEncumbrance(_ c: EncumbranceRelease, by submitter: PartyID) throws(ProvenanceError) {
        let key = c.receipt
        var r = try existingReceipt(key)
        guard r.state == .pledged, let enc = r.encumbrance else {
            throw ProvenanceError(.receiptNotPledged, objects: [key.description], "receipt is \(r.state.rawValue)")
        }
        let holder: PartyID?
        switch enc {
        case .lender(let l): holder = .lei(l)
        case .token(let s): holder = tokens[s]?.issuer
        }
        guard submitter == holder else {
            throw ProvenanceError(.notEncumbranceHolder, objects: [key.description, submitter.description], "only the holder of \(enc) may release it")
        }
        r.state = .issued
        r.encumbrance = nil
        r.history.append(ReceiptHistoryEntry(change: .encumbranceReleased, sequence: sequence, time: c.time, source: c.source))
        setReceipt(r)
    }

    /// An inventory report confirms lots in the reporting warehouse; counted quantities are
    /// reconciled against the live receipt's line (rule 3).
    mutating func report(_ c: InventoryReport, by submitter: PartyID, flags: inout [Flag]) throws(ProvenanceError) {
        guard submitter == .gln(c.warehouse) else {
            throw ProvenanceError(.warehouseWritesOnlyForItself, objects: [c.warehouse.value, submitter.description],
                                  "\(submitter) may not report inventory for warehouse \(c.warehouse)")
        }
        for line in c.lines {
            let confirmation = InventoryConfirmation(submitter: submitter, time: c.time, location: c.warehouse.locationURI, quantity: line.quantity,
                                                     sequence: sequence, source: c.source)
            withLot(line.lot) { $0.confirmations.append(confirmation) }
            if let counted = line.quantity, let r = liveReceipt(holding: line.lot), r.key.warehouse == c.warehouse,
               let held = r.lines.first(where: { $0.lot == line.lot }) {
                recordIfOutsideTolerance(line.lot, expected: held.quantity, received: counted, receipt: r.key,
                                         time: c.time, source: c.source, flags: &flags)
            }
        }
    }

    /// Rule 1 applied to the goods rather than the identifier: what a lot is inside or was made
    /// from (upstream: current containers, transformation inputs) and what it contains or was
    /// made into (downstream: current contents, transformation outputs), transitively, stand for
    /// the same physical goods, so none of them may be on a live receipt either. Without this a
    /// parcel could be receipted once whole and again as its split parts. Siblings (another lot
    /// in the same container, the other output of a split) are different goods and not reached.
    func liveReceiptOnRelatedLot(_ lot: EPC) -> (EPC, WarehouseReceipt)? {
        let up: (Lot) -> [EPC] = { l in l.derivedFrom.map(\.lot) + (l.currentParent.map { [$0] } ?? []) }
        let down: (Lot) -> [EPC] = { l in
            l.transformedInto.map(\.lot) + l.children.filter { self.lots[$0]?.currentParent == l.epc }
        }
        for step in [up, down] {
            var seen: Set<EPC> = [lot]
            var queue = [lot]
            var head = 0
            while head < queue.count {
                let current = queue[head]
                head += 1
                guard let l = lots[current] else { continue }
                for n in step(l) where seen.insert(n).inserted {
                    if let live = liveReceipt(holding: n) { return (n, live) }
                    queue.append(n)
                }
            }
        }
        return nil
    }

    func existingReceipt(_ key: ReceiptKey) throws(ProvenanceError) -> WarehouseReceipt {
        guard let r = receipts[key] else {
            throw ProvenanceError(.unknownReceipt, objects: [key.description], "no such receipt")
        }
        return r
    }
}
