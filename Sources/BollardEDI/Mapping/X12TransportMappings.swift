import BollardCore
import BollardEPCIS

/// X12 ocean and motor transport sets.
extension MessageMapping {
    /// 310 (Freight Receipt and Invoice, Ocean): the carrier's B/L for what the shipper stuffed.
    /// Per container (N7 in an LX loop: N701 initial, N702 number) one AggregationEvent ADD,
    /// bizStep `packing`, disposition `container_closed`, at the shipper's site (N1 SH by GLN),
    /// under the B/L (N9 BM). Goods of the loop: marks (L5 L506, GS1 element strings), the loop's
    /// weight (L0 L004, unit L011 per element 188) as the quantity of a lot.
    func x12FreightReceipt() throws(EDIMappingError) -> [MappedEvent] {
        let bols = try x12BillsOfLading(header(before: ["LX"]))
        let site = try x12GLN(["SH"]).map { EPCISLocation(id: $0.0.locationURI) }
        let b3 = first("B3")
        let time = try x12Time(header(before: ["LX"]), fallback: b3.map { ($0, 6, 0) })
        var out: [MappedEvent] = []
        for loop in groups("LX", closedBy: ["L3", "SE"]) {
            guard let n7 = loop.first(where: { $0.tag == "N7" }) else { continue }
            let box = try container(initial: n7.value(1), number: n7.value(2), n7, element: 2)
            var item = GoodsItem(segments: loop)
            for l5 in loop where l5.tag == "L5" {
                try addMark(l5.value(6), gtin: nil, to: &item, l5, element: 6, component: nil)
            }
            try x12Marks(loop, into: &item)
            if let l0 = loop.first(where: { $0.tag == "L0" && !$0.value(4).isEmpty }) {
                item.quantity = try quantity(l0.value(4), unit: l0.value(11), l0, element: 4, component: nil, unitElement: 11, unitComponent: nil)
            }
            guard !item.isEmpty else { continue }
            var e = event(.aggregationEvent, .add, at: time, source: try pointer(loop))
            e.parentID = box
            e.childEPCs = item.instances
            e.childQuantityList = item.quantityElements
            e.bizStep = .packing
            e.disposition = .containerClosed
            e.bizLocation = site
            e.bizTransactionList = bols
            out.append(try capture(e, from: n7))
        }
        return out
    }

    /// 309 (Customs Manifest): the carrier's manifest to customs. Per bill of lading (M11 loop,
    /// M1101 B/L number) one TransactionEvent ADD associating its containers (VID: VID02 initial,
    /// VID03 number) and goods (N10 N1003 marks) with the B/L and the manifest (M10, as a customs
    /// declaration `urn:bollard:customs:{SCAC M1001}-{voyage M1006}`).
    func x12CustomsManifest() throws(EDIMappingError) -> [MappedEvent] {
        guard let m10 = first("M10") else { throw error(.missingSegment, nil, "M10 is required") }
        let scac = try required(m10, 1, 1, "carrier SCAC")
        let manifest = BizTransaction(type: .customsDeclaration, bizTransaction: EDIMapper.customsPrefix + scac + "-" + m10.value(6))
        let time = try x12Time(nil, fallback: nil)
        var out: [MappedEvent] = []
        for loop in groups("M11", closedBy: ["SE"]) {
            guard let m11 = loop.first else { continue }
            let bol = try billOfLading(try required(m11, 1, 1, "bill of lading number"), m11, element: 1)
            var objects: [EPC] = []
            for vid in loop where vid.tag == "VID" && !vid.value(3).isEmpty {
                let c = try container(initial: vid.value(2), number: vid.value(3), vid, element: 3)
                if !objects.contains(c) { objects.append(c) }
            }
            var item = GoodsItem(segments: loop)
            for n10 in loop where n10.tag == "N10" {
                try addMark(n10.value(3), gtin: nil, to: &item, n10, element: 3, component: nil)
            }
            var e = event(.transactionEvent, .add, at: time, source: try pointer(loop))
            e.epcList = objects + item.instances
            e.quantityList = item.classes.map { QuantityElement(epcClass: $0, quantity: nil) }
            e.bizTransactionList = [bol, manifest]
            out.append(try capture(e, from: m11))
        }
        return out
    }

    /// 315 (Status Details, Ocean): one container (B407 initial, B408 number, B413 check digit
    /// when B408 has none) and one status (B403, X12 element 157): `VA` vessel arrival, `A`
    /// arrived, `I` in-gate → `arriving`; `UV` unloaded from vessel → `unloading`; `AE` loaded on
    /// vessel → `loading`; `VD` vessel departure, `OA` out-gate → `departing`; `CT` customs
    /// released → `inspecting` / `customs_released`. Time B404/B405 (no zone: the mapper's
    /// `timeZoneOffset`), else DTM; place R4 with R402 `ZZ` carrying a GLN; B/L N9 BM; vessel Q2
    /// (Q201 IMO, Q209 voyage, Q213 name).
    func x12OceanStatus() throws(EDIMappingError) -> [MappedEvent] {
        guard let b4 = first("B4") else { throw error(.missingSegment, nil, "B4 is required") }
        let box = try container(initial: b4.value(7), number: b4.value(8), checkDigit: b4.value(13), b4, element: 8)
        let code = b4.value(3)
        let meaning: (BizStep, Disposition)
        switch code {
        case "VA", "A", "I": meaning = (.arriving, .inTransit)
        case "UV": meaning = (.unloading, .inProgress)
        case "AE": meaning = (.loading, .inProgress)
        case "VD", "OA": meaning = (.departing, .inTransit)
        case "CT": meaning = (.inspecting, .customsReleased)
        default: throw error(.unsupportedCode, b4, element: 3, "shipment status '\(code)' is not one Bollard maps")
        }
        let time: MappedTime
        if b4.value(4).isEmpty {
            time = try x12Time(nil)
        } else {
            time = try x12Time(date: b4.value(4), time: b4.value(5), b4, element: 4)
        }
        var place: EPCISLocation?
        if let r4 = first("R4", where: { $0.value(2) == "ZZ" && !$0.value(3).isEmpty }) {
            place = EPCISLocation(id: try gln(r4.value(3), r4, element: 3).locationURI)
        }
        var extensions: [ExtensionElement] = []
        if let q2 = first("Q2") { extensions += try x12Vessel(q2) }
        let e = observation([box], step: meaning.0, disposition: meaning.1, location: place, transactions: try x12BillsOfLading(),
                            time: time, source: try pointer(body), extensions: extensions)
        return [try capture(e, from: b4)]
    }

    /// Q2 (Status Details (Ocean)): Q201 Vessel Code (597) is a code from the list Q212 Vessel
    /// Code Qualifier (897) names: `L` Lloyd's Register of Shipping (the IMO number, checked),
    /// `C` the ship's radio call sign, `B` U.S. Bureau of Census, `Z` mutually defined. A code
    /// under another list is kept as `vesselCode` with its qualifier, never read as an IMO
    /// number; an unqualified code is an IMO number only when it is one (seven digits, check
    /// digit right). Q209 is the voyage, Q213 the vessel name.
    func x12Vessel(_ q2: MappingSegment) throws(EDIMappingError) -> [ExtensionElement] {
        var out: [ExtensionElement] = []
        let code = q2.value(1)
        let qualifier = q2.value(12)
        if !code.isEmpty {
            switch qualifier {
            case "L":
                do { out.append(Self.extensionElement("vesselIMO", try IMONumber(code).value)) } catch {
                    throw self.error(.invalidIdentifier, q2, element: 1, "Q201 under Q212 'L' (Lloyd's Register): \(error.description)")
                }
            case "":
                if let imo = try? IMONumber(code) {
                    out.append(Self.extensionElement("vesselIMO", imo.value))
                } else {
                    out.append(Self.extensionElement("vesselCode", code))
                }
            default:
                out.append(Self.extensionElement("vesselCode", code))
                out.append(Self.extensionElement("vesselCodeQualifier", qualifier))
            }
        }
        if !q2.value(13).isEmpty { out.append(Self.extensionElement("vesselName", q2.value(13))) }
        if !q2.value(9).isEmpty { out.append(Self.extensionElement("voyage", q2.value(9))) }
        return out
    }

    /// 214 (Shipment Status Message): per status loop (LX, closed by the next LX or SE) the AT7
    /// status (AT701, X12 element 1650): `AF` departed pick-up → `departing`; `X1` arrived at
    /// delivery → `receiving`; `D1` completed unloading at delivery → `unpacking` (per container
    /// an AggregationEvent DELETE); `X3` arrived at pick-up → `arriving`. Time AT705/AT706/AT707.
    /// Objects: MS2 equipment (MS201 initial, MS202 number, MS204 check digit) and MAN marks. The
    /// place: N1 SF (pick-up) or ST (delivery) by GLN. B/L: L11 BM.
    func x12ShipmentStatus() throws(EDIMappingError) -> [MappedEvent] {
        var out: [MappedEvent] = []
        let bols = try x12BillsOfLading()
        for loop in groups("LX", closedBy: ["SE"]) {
            guard let at7 = loop.first(where: { $0.tag == "AT7" }) else { continue }
            var objects: [EPC] = []
            for ms2 in loop where ms2.tag == "MS2" && !ms2.value(2).isEmpty {
                let c = try container(initial: ms2.value(1), number: ms2.value(2), checkDigit: ms2.value(4), ms2, element: 2)
                if !objects.contains(c) { objects.append(c) }
            }
            var item = GoodsItem(segments: loop)
            try x12Marks(loop, into: &item)
            objects += item.instances
            guard !objects.isEmpty || !item.classes.isEmpty else {
                throw error(.missingSegment, at7, "the status names no equipment (MS2) or goods (MAN)")
            }
            let time = try x12Time(date: try required(at7, 5, 1, "status date"), time: at7.value(6), code: at7.value(7), at7, element: 5)
            let code = at7.value(1)
            let pickup = ["AF", "X3"].contains(code)
            let place = try x12GLN(pickup ? ["SF", "SH"] : ["ST", "CN"]).map { EPCISLocation(id: $0.0.locationURI) }
            let source = try pointer(loop)
            let quantities = item.classes.map { QuantityElement(epcClass: $0, quantity: nil) }
            switch code {
            case "AF": out.append(try capture(observation(objects, quantities: quantities, step: .departing, disposition: .inTransit, location: place, transactions: bols, time: time, source: source), from: at7))
            case "X3": out.append(try capture(observation(objects, quantities: quantities, step: .arriving, disposition: .inProgress, location: place, transactions: bols, time: time, source: source), from: at7))
            case "X1": out.append(try capture(observation(objects, quantities: quantities, step: .receiving, disposition: .inProgress, location: place, transactions: bols, time: time, source: source), from: at7))
            case "D1":
                for box in objects where box.uri.hasPrefix("urn:epc:id:bic:") {
                    out.append(try capture(unpacking(box, location: place, time: time, source: source), from: at7))
                }
            default:
                throw error(.unsupportedCode, at7, element: 1, "shipment status '\(code)' is not one Bollard maps")
            }
        }
        return out
    }

    /// 856 (Ship Notice/Manifest): goods leave the ship-from site. One ObjectEvent OBSERVE,
    /// bizStep `shipping`, with the items (HL loops' LIN pairs and SN1 quantity, MAN marks) and
    /// the notice (BSN02) as a CBV `desadv` transaction; B/L REF BM.
    func x12ShipNotice() throws(EDIMappingError) -> [MappedEvent] {
        guard let bsn = first("BSN") else { throw error(.missingSegment, nil, "BSN is required") }
        guard let (site, n1) = try x12GLN(["SF", "SH"]) else { throw error(.missingSegment, bsn, "N1 SF (ship-from, by GLN) is required") }
        let lines = try x12Lines("LIN").filter { !$0.isEmpty }
        guard !lines.isEmpty else { throw error(.missingSegment, bsn, "a ship notice names at least one item (LIN)") }
        let time = try x12Time(nil, fallback: (bsn, 3, 4))
        return [try shipping(lines, site: site, advice: try required(bsn, 2, 1, "shipment identification"),
                             destination: try x12GLN(["ST"])?.0, time: time, from: n1)]
    }
}
