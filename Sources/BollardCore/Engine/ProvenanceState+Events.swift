extension ProvenanceState {
    /// Records an EPCIS event and derives custody facts from it: commodity master data (ILMD),
    /// manifest quantities (events citing a bill of lading), containment (aggregation),
    /// lineage (transformation), arrival evidence, custody gaps and discrepancies on receiving,
    /// and inventory confirmations.
    ///
    /// An event carrying an errorDeclaration (EPCIS 2.0: "this earlier event was wrong") is
    /// recorded and linked to the event it names by eventID, but derives nothing: replaying
    /// its content as a new fact would double-count it. Facts already derived from the original
    /// stay, visibly marked by `declaredErroneousBy`; the corrective events named in the
    /// declaration carry the correction.
    mutating func capture(_ e: EPCISEvent, by submitter: PartyID, flags: inout [Flag]) throws(ProvenanceError) {
        do {
            try e.validate()
        } catch {
            throw ProvenanceError(.invalidEvent, objects: [e.eventID ?? e.type.rawValue], error.description, source: e.sourcePointer)
        }
        let index = events.count
        for obj in e.allObjects { withLot(obj) { $0.eventIndexes.append(index) } }
        if e.errorDeclaration != nil {
            if let id = e.eventID, let original = events.lastIndex(where: { $0.event.eventID == id && $0.event.errorDeclaration == nil }) {
                withEvent(at: original) { $0.declaredErroneousBy = index }
            }
            events.append(RecordedEvent(sequence: sequence, submitter: submitter, event: e))
            return
        }

        let children = e.childEPCs + e.childQuantityList.map(\.epcClass)
        let inputs = e.inputEPCList + e.inputQuantityList.map(\.epcClass)
        let outputs = e.outputEPCList + e.outputQuantityList.map(\.epcClass)
        let direct = (e.parentID.map { [$0] } ?? []) + e.epcList + e.quantityList.map(\.epcClass) + children

        applyMasterData(e, outputs: outputs)
        applyManifest(e)
        if e.type == .aggregationEvent, let parent = e.parentID {
            applyAggregation(parent: parent, children: children, action: e.action, index: index)
        }
        if e.type == .transformationEvent {
            applyTransformation(e, inputs: inputs, outputs: outputs, index: index)
        }

        let reached = direct + direct.flatMap { currentDescendants(of: $0) }
        if let step = e.bizStep, policy.arrivalBizSteps.contains(step) {
            for obj in reached { withLot(obj) { if $0.arrivalEventIndex == nil { $0.arrivalEventIndex = index } } }
        }
        if e.bizStep == .receiving {
            for obj in reached {
                flagGapIfNoArrival(obj, receivedAt: e.bizLocation?.id, receipt: nil, time: e.eventTime, source: e.sourcePointer, flags: &flags)
            }
            for q in e.quantityList {
                guard let received = q.asQuantity else { continue }
                reconcile(q.epcClass, received: received, receipt: nil, time: e.eventTime, source: e.sourcePointer, flags: &flags)
            }
        }
        if let step = e.bizStep, policy.confirmationBizSteps.contains(step) {
            let counted = e.epcList.map { ($0, Quantity?.none) } + e.quantityList.map { ($0.epcClass, $0.asQuantity) }
            for (lot, q) in counted {
                let c = InventoryConfirmation(submitter: submitter, time: e.eventTime, location: e.bizLocation?.id, quantity: q, sequence: sequence, source: e.sourcePointer)
                withLot(lot) { $0.confirmations.append(c) }
            }
        }
        for obj in direct + outputs {
            withLot(obj) {
                if let loc = e.bizLocation?.id { $0.lastBizLocation = loc }
                if let d = e.disposition { $0.lastDisposition = d }
            }
        }
        events.append(RecordedEvent(sequence: sequence, submitter: submitter, event: e))
    }

    private mutating func applyMasterData(_ e: EPCISEvent, outputs: [EPC]) {
        if let ilmd = e.ilmd {
            let targets = e.type == .transformationEvent ? outputs : e.epcList + e.quantityList.map(\.epcClass)
            for t in targets {
                withLot(t) {
                    if let c = ilmd.commodity {
                        $0.commodity = c
                        $0.declaredQuantity = c.statedQuantity
                    }
                    if let h = ilmd.hsCode { $0.hsCode = h }
                }
            }
        }
        if e.type == .objectEvent && e.action == .add {
            for q in e.quantityList {
                guard let stated = q.asQuantity else { continue }
                withLot(q.epcClass) { if $0.declaredQuantity == nil { $0.declaredQuantity = stated } }
            }
        }
    }

    private mutating func applyManifest(_ e: EPCISEvent) {
        let bols = e.bizTransactions(ofType: .billOfLading)
        guard !bols.isEmpty else { return }
        func note(_ lot: inout Lot) {
            for b in bols where !lot.manifests.contains(b) { lot.manifests.append(b) }
        }
        for obj in (e.parentID.map { [$0] } ?? []) + e.epcList + e.childEPCs { withLot(obj, note) }
        for q in e.quantityList + e.childQuantityList {
            withLot(q.epcClass) {
                note(&$0)
                if let stated = q.asQuantity { $0.manifestQuantity = stated }
            }
        }
    }

    private mutating func applyAggregation(parent: EPC, children: [EPC], action: Action?, index: Int) {
        switch action {
        case .add, .observe:
            for child in children {
                if lots[child]?.currentParent == parent { continue }
                withLot(child) {
                    if let open = $0.memberships.lastIndex(where: { $0.removedAt == nil }) { $0.memberships[open].removedAt = index }
                    $0.memberships.append(Membership(parent: parent, addedAt: index, removedAt: nil))
                }
                withLot(parent) { if !$0.children.contains(child) { $0.children.append(child) } }
            }
        case .delete:
            let targets = children.isEmpty ? (lots[parent]?.children ?? []) : children
            for child in targets where lots[child]?.currentParent == parent {
                withLot(child) {
                    if let open = $0.memberships.lastIndex(where: { $0.removedAt == nil }) { $0.memberships[open].removedAt = index }
                }
            }
        case nil:
            break
        }
    }

    private mutating func applyTransformation(_ e: EPCISEvent, inputs: [EPC], outputs: [EPC], index: Int) {
        for o in outputs {
            withLot(o) { lot in
                for i in inputs where !lot.derivedFrom.contains(where: { $0.lot == i }) {
                    lot.derivedFrom.append(Derivation(lot: i, eventIndex: index))
                }
            }
        }
        for i in inputs {
            withLot(i) { lot in
                for o in outputs where !lot.transformedInto.contains(where: { $0.lot == o }) {
                    lot.transformedInto.append(Derivation(lot: o, eventIndex: index))
                }
            }
        }
        let arrival = inputs.compactMap { lots[$0]?.arrivalEventIndex }.min()
        let commodity = inputs.compactMap { lots[$0]?.commodity }.first
        let hs = inputs.compactMap { lots[$0]?.hsCode }.first
        for o in outputs {
            let q = e.outputQuantityList.first { $0.epcClass == o }?.asQuantity
            withLot(o) { lot in
                if lot.arrivalEventIndex == nil { lot.arrivalEventIndex = arrival }
                if lot.commodity == nil, let c = commodity { lot.commodity = q.map(c.withStatedQuantity) ?? c }
                if lot.hsCode == nil { lot.hsCode = hs }
                if let q { lot.declaredQuantity = q } else if lot.declaredQuantity == nil { lot.declaredQuantity = lot.commodity?.statedQuantity }
            }
        }
    }
}
