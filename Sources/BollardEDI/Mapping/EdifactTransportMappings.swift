import BollardCore
import BollardEPCIS

/// Transport messages: what the shipper, carrier, terminal and customs say about containers and
/// the goods in them.
extension MessageMapping {
    /// IFTMIN (instructions) and IFTMBC (booking confirmation): goods items (SG GID) placed in
    /// containers (SGP → SG EQD) under bills of lading (RFF BM).
    ///
    /// IFTMIN is the shipper's statement that the goods are stuffed: per container one
    /// AggregationEvent ADD, bizStep `packing`, disposition `container_closed`, at the
    /// consignor's site (NAD CZ). IFTMBC is the carrier's confirmation of what was booked: per
    /// container one TransactionEvent ADD associating the container and its goods with the B/L
    /// and the booking (BGM 1004), with no custody step. Both state the manifest quantities
    /// (MEA) that receipts are later reconciled against.
    func edifactConsignment(asPacking: Bool) throws(EDIMappingError) -> [MappedEvent] {
        let goods = try groups("GID", closedBy: ["EQD", "CNT", "UNT", "CNI"]).map { g throws(EDIMappingError) in try edifactGoods(g) }
        let equipment = groups("EQD", closedBy: ["CNT", "UNT", "GID", "CNI"]).filter { $0.first?.value(1) == "CN" }
        let bols = try edifactBillsOfLading(nil)
        let time = try edifactTime(nil, ["200", "137"])
        let site = try edifactLocation(nil, parties: ["CZ", "SH"])
        guard let bgm = first("BGM") else { throw error(.missingSegment, nil, "BGM is required") }
        var containers: [(EPC, ArraySlice<MappingSegment>)] = []
        for eqd in equipment {
            guard let s = eqd.first else { continue }
            containers.append((try container(try required(s, 2, 1, "equipment identification"), s, element: 2, component: 1), eqd))
        }
        for item in goods {
            for id in item.equipment where !containers.contains(where: { $0.0.uri.hasSuffix(":" + id) }) {
                let sgp = item.segments.first { $0.tag == "SGP" && $0.value(1) == id }
                throw error(.inconsistent, sgp, element: 1, "goods are placed in \(id), which no EQD of the message declares")
            }
        }
        var out: [MappedEvent] = []
        for (box, eqd) in containers {
            let placed = goods.filter { item in
                item.equipment.contains { box.uri.hasSuffix(":" + $0) } || (item.equipment.isEmpty && containers.count == 1)
            }
            guard !placed.isEmpty else { continue }
            let source = try pointer([eqd] + placed.map(\.segments))
            var e: BollardCore.EPCISEvent
            if asPacking {
                e = event(.aggregationEvent, .add, at: time, source: source)
                e.parentID = box
                e.childEPCs = placed.flatMap(\.instances)
                e.childQuantityList = placed.flatMap(\.quantityElements)
                e.bizStep = .packing
                e.disposition = .containerClosed
                e.bizLocation = site
                e.bizTransactionList = bols
                e.extensions = hsCodeExtensions(placed)
            } else {
                e = event(.transactionEvent, .add, at: time, source: source)
                e.parentID = box
                e.epcList = placed.flatMap(\.instances)
                e.quantityList = placed.flatMap(\.quantityElements)
                let booking = try required(bgm, 2, 1, "booking number")
                e.bizTransactionList = bols + [BizTransaction(type: nil, bizTransaction: "urn:bollard:booking:" + booking)]
                e.extensions = hsCodeExtensions(placed)
            }
            out.append(try capture(e, from: eqd.first))
        }
        return out
    }

    /// CUSCAR: the carrier's cargo report to customs. Per consignment (SG CNI) one
    /// TransactionEvent ADD associating its containers (SGP naming an EQD CN) and goods with the
    /// B/L (CNI C503 1004 and RFF BM) and the cargo report (BGM 1004, a customs declaration).
    func edifactCargoReport() throws(EDIMappingError) -> [MappedEvent] {
        guard let bgm = first("BGM") else { throw error(.missingSegment, nil, "BGM is required") }
        let reportNumber = try required(bgm, 2, 1, "cargo report number")
        let report = BizTransaction(type: .customsDeclaration, bizTransaction: EDIMapper.customsPrefix + reportNumber)
        let declared = Set(all("EQD", where: { $0.value(1) == "CN" }).map { $0.value(2, 1) })
        let time = try edifactTime(header(before: ["CNI"]), ["132", "137"])
        var out: [MappedEvent] = []
        for consignment in groups("CNI", closedBy: ["CNT", "UNT"]) {
            guard let cni = consignment.first else { continue }
            var bols = try edifactBillsOfLading(consignment)
            if !cni.value(2, 1).isEmpty {
                let t = try billOfLading(cni.value(2, 1), cni, element: 2, component: 1)
                if !bols.contains(t) { bols.insert(t, at: 0) }
            }
            var containers: [EPC] = []
            var instances: [EPC] = []
            var quantities: [QuantityElement] = []
            var items: [GoodsItem] = []
            for g in groups("GID", in: consignment, closedBy: ["CNI", "UNT"]) {
                let item = try edifactGoods(g)
                items.append(item)
                for id in item.equipment where declared.contains(id) {
                    guard let sgp = g.first(where: { $0.tag == "SGP" && $0.value(1) == id }) else { continue }
                    let c = try container(id, sgp, element: 1)
                    if !containers.contains(c) { containers.append(c) }
                }
                instances += item.instances
                quantities += item.quantityElements
            }
            let objects = containers + instances
            guard !objects.isEmpty || !quantities.isEmpty else { continue }
            var e = event(.transactionEvent, .add, at: time, source: try pointer(consignment))
            e.epcList = objects
            e.quantityList = quantities
            e.bizTransactionList = bols + [report]
            e.bizLocation = try edifactLocation(consignment)
            e.extensions = hsCodeExtensions(items)
            out.append(try capture(e, from: cni))
        }
        return out
    }

    /// CUSRES: customs' answer. One ObjectEvent OBSERVE, bizStep `inspecting`, naming the
    /// containers (EQD CN, RFF EQ) and goods, with the declaration (RFF AAE goods declaration
    /// number, or ABT) as customs_declaration transaction. BGM 1225 `27` (not accepted) gives
    /// disposition `non_conformant`; any other function is a release (`customs_released`).
    func edifactCustomsResponse() throws(EDIMappingError) -> [MappedEvent] {
        guard let bgm = first("BGM") else { throw error(.missingSegment, nil, "BGM is required") }
        var objects = try edifactContainers(nil)
        var quantities: [QuantityElement] = []
        for g in groups("GID", closedBy: ["UNT"]) {
            let item = try edifactGoods(g)
            objects += item.instances
            quantities += item.quantityElements
        }
        guard !objects.isEmpty || !quantities.isEmpty else {
            throw error(.missingSegment, bgm, "a customs response names the containers or goods it releases (EQD, RFF EQ, GID)")
        }
        var declarations: [BizTransaction] = []
        for q in ["AAE", "ABT"] {
            for (n, _) in edifactReferences(q, in: nil) {
                declarations.append(BizTransaction(type: .customsDeclaration, bizTransaction: EDIMapper.customsPrefix + n))
            }
        }
        let released = bgm.value(3) != "27"
        declarations += try edifactBillsOfLading(nil)
        let e = observation(objects, quantities: quantities, step: .inspecting, disposition: released ? .customsReleased : .nonConformant,
                            location: try edifactLocation(nil), transactions: declarations,
                            time: try edifactTime(nil, ["182", "137"]), source: try pointer(body))
        return [try capture(e, from: bgm)]
    }

    enum ContainerReport { case coarri, codeco, coprar }

    /// SMDG container messages, one event per container (SG EQD, closed by CNT):
    /// - COARRI (terminal's discharge/loading report): BGM 1001 `44` discharge → `unloading`,
    ///   `46` loading → `loading`; disposition `in_progress`; time DTM 203 of the container.
    /// - CODECO (gate report): BGM 1001 `34` gate-in → `arriving` (`in_progress`), `36` gate-out →
    ///   `departing` (`in_transit`); time DTM 7 of the container.
    /// - COPRAR (carrier's discharge/loading order): an order, not a move; TransactionEvent ADD
    ///   associating each container with its B/L (RFF BM) and the order (BGM 1004).
    func edifactContainerReport(_ kind: ContainerReport) throws(EDIMappingError) -> [MappedEvent] {
        guard let bgm = first("BGM") else { throw error(.missingSegment, nil, "BGM is required") }
        let code = bgm.value(1, 1)
        let meaning: (BizStep?, Disposition?)
        switch (kind, code) {
        case (.coarri, "44"): meaning = (.unloading, .inProgress)
        case (.coarri, "46"): meaning = (.loading, .inProgress)
        case (.codeco, "34"): meaning = (.arriving, .inProgress)
        case (.codeco, "36"): meaning = (.departing, .inTransit)
        case (.coprar, _): meaning = (nil, nil)
        default:
            throw error(.unsupportedCode, bgm, element: 1, component: 1, "\(type) document name code \(code) is not one Bollard maps")
        }
        let headerPart = header(before: ["EQD"])
        let site = try edifactLocation(headerPart, parties: ["TR", "CF"])
        let voyage = try edifactVoyage()
        var out: [MappedEvent] = []
        for eqd in groups("EQD", closedBy: ["CNT", "UNT"]) {
            guard let s = eqd.first, s.value(1) == "CN" else { continue }
            let box = try container(try required(s, 2, 1, "container number"), s, element: 2, component: 1)
            let bols = try edifactBillsOfLading(eqd)
            if kind == .coprar {
                guard !bols.isEmpty || !bgm.value(2, 1).isEmpty else { continue }
                var e = event(.transactionEvent, .add, at: try edifactTime(eqd, ["137"]), source: try pointer(eqd))
                e.epcList = [box]
                e.bizTransactionList = bols + (bgm.value(2, 1).isEmpty ? [] : [BizTransaction(type: nil, bizTransaction: "urn:bollard:order:" + bgm.value(2, 1))])
                out.append(try capture(e, from: s))
                continue
            }
            var extensions = voyage
            if let cell = first("LOC", in: eqd, where: { $0.value(1) == "147" }) {
                extensions.append(Self.extensionElement("stowagePosition", cell.value(2, 1)))
            }
            let time = try edifactTime(eqd, kind == .coarri ? ["203", "178"] : ["7", "203"])
            let e = observation([box], step: meaning.0, disposition: meaning.1, location: try edifactLocation(eqd) ?? site,
                                transactions: bols, time: time, source: try pointer(eqd), extensions: extensions)
            out.append(try capture(e, from: s))
        }
        return out
    }

    /// BAPLIE (SMDG bay plan): what is stowed where on board. Per stowage cell (SG LOC 147) with a
    /// container (EQD CN): ObjectEvent OBSERVE, bizStep `transporting`, disposition `in_transit`,
    /// the cell as `stowagePosition`, the voyage from TDT.
    func edifactBayPlan() throws(EDIMappingError) -> [MappedEvent] {
        let voyage = try edifactVoyage()
        let time = try edifactTime(nil, ["178", "133", "137"])
        var out: [MappedEvent] = []
        for cell in groups("LOC", closedBy: ["UNT", "CNT"], when: { $0.value(1) == "147" }) {
            guard let eqd = cell.first(where: { $0.tag == "EQD" && $0.value(1) == "CN" }), let loc = cell.first else { continue }
            let box = try container(try required(eqd, 2, 1, "container number"), eqd, element: 2, component: 1)
            let e = observation([box], step: .transporting, disposition: .inTransit, location: nil,
                                transactions: try edifactBillsOfLading(cell), time: time, source: try pointer(cell),
                                extensions: voyage + [Self.extensionElement("stowagePosition", loc.value(2, 1))])
            out.append(try capture(e, from: eqd))
        }
        return out
    }

    /// IFTSTA: status reports (SG STS, closed by the next STS, CNI or UNT). The status event
    /// (STS C556 9011, UN/ECE Recommendation 24) gives the custody step:
    /// 1 arrived / 40 arrival at port → `arriving`; 29 unloaded → `unloading`; 24 departure →
    /// `departing`; 21 delivery completed → `receiving`; 28 stripped → `unpacking` (per container
    /// an AggregationEvent DELETE); 12 cleared by customs / 39 released from bond → `inspecting`
    /// with `customs_released`. Objects: EQD CN, RFF EQ and goods marks of the status group, else
    /// of its consignment (CNI) header. Time DTM 334 (status change).
    func edifactStatus() throws(EDIMappingError) -> [MappedEvent] {
        var out: [MappedEvent] = []
        let consignments = groups("CNI", closedBy: ["UNT"])
        for consignment in consignments.isEmpty ? [body] : consignments {
            let cniHeader = consignment.prefix { $0.tag != "STS" }
            for status in groups("STS", in: consignment, closedBy: ["CNI", "UNT"]) {
                guard let sts = status.first else { continue }
                let code = sts.value(2, 1)
                let meaning: (BizStep, Disposition)
                switch code {
                case "1", "40": meaning = (.arriving, .inTransit)
                case "29": meaning = (.unloading, .inProgress)
                case "24": meaning = (.departing, .inTransit)
                case "21": meaning = (.receiving, .inProgress)
                case "12", "39": meaning = (.inspecting, .customsReleased)
                case "28": meaning = (.unpacking, .inProgress)
                default:
                    throw error(.unsupportedCode, sts, element: 2, component: 1,
                                "status event '\(code)'\(sts.value(2, 2).isEmpty ? "" : " (code list \(sts.value(2, 2)))") is not a UN/ECE Recommendation 24 code Bollard maps")
                }
                var objects = try edifactContainers(status)
                var quantities: [QuantityElement] = []
                let goods = try edifactGoods(status)
                objects += goods.instances.filter { !objects.contains($0) }
                quantities += goods.quantityElements
                if objects.isEmpty && quantities.isEmpty { objects = try edifactContainers(cniHeader) }
                guard !objects.isEmpty || !quantities.isEmpty else {
                    throw error(.missingSegment, sts, "the status names no container (EQD, RFF EQ) or goods")
                }
                let time = try edifactTime(status, ["334", "178"])
                var place = try edifactLocation(status)
                if place == nil { place = try edifactLocation(cniHeader) }
                let source = try pointer(status)
                let bols = try edifactBillsOfLading(status) + edifactBillsOfLading(cniHeader)
                if code == "28" {
                    for box in objects where box.uri.hasPrefix("urn:epc:id:bic:") {
                        out.append(try capture(unpacking(box, location: place, time: time, source: source), from: sts))
                    }
                    continue
                }
                var unique: [BizTransaction] = []
                for b in bols where !unique.contains(b) { unique.append(b) }
                let e = observation(objects, quantities: quantities, step: meaning.0, disposition: meaning.1, location: place,
                                    transactions: unique, time: time, source: source)
                out.append(try capture(e, from: sts))
            }
        }
        return out
    }
}
