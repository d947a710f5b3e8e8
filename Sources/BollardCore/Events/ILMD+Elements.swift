/// Bollard's ILMD vocabulary: how commodity master data travels inside an EPCIS document.
///
/// Elements live in `BollardNamespace.uri` (ending in `/`, see there). One container element
/// per commodity kind, with one child per field; quantities are a value element plus a
/// `…UOM` element holding the Rec 20 code:
///
/// ```xml
/// <ilmd>
///   <bollard:hsCode>710812</bollard:hsCode>
///   <bollard:preciousMetalBar>
///     <bollard:metal>XAU</bollard:metal> <bollard:refiner>Onsan …</bollard:refiner>
///     <bollard:refinerID>gln:8801234000017</bollard:refinerID>
///     <bollard:serialNumber>OPM26-0001</bollard:serialNumber>
///     <bollard:yearOfManufacture>2026</bollard:yearOfManufacture>
///     <bollard:grossWeight>400.125</bollard:grossWeight> <bollard:grossWeightUOM>APZ</bollard:grossWeightUOM>
///     <bollard:fineness>999.9</bollard:fineness>
///   </bollard:preciousMetalBar>
/// </ilmd>
/// ```
/// `baseMetalLot` has metal, grade, brand, lotNumber, bundles, netWeight(+UOM);
/// `petroleumParcel` has parcelID, grade, standardVolume(+UOM), standardTemperatureFahrenheit,
/// apiGravity and optionally tank (a location URI).
extension ILMD {
    /// Reads Bollard's elements out of an ILMD's extension elements; other elements are kept in
    /// `extensions` untouched.
    public init(elements: [ExtensionElement]) throws(ILMDError) {
        var commodity: Commodity?
        var hs: HSCode?
        var rest: [ExtensionElement] = []
        for e in elements {
            guard e.namespace == BollardNamespace.uri else {
                rest.append(e)
                continue
            }
            let fields = Fields(element: e)
            switch e.name {
            case "hsCode":
                hs = try fields.convert(e.name, e.value ?? "") { t throws(IdentifierError) in try HSCode(t) }
            case "preciousMetalBar":
                guard let metal = PreciousMetalBar.Metal(rawValue: try fields.text("metal")) else {
                    throw ILMDError(element: "metal", "expected XAU, XAG, XPT or XPD")
                }
                var refinerID: PartyID?
                if let t = fields.optional("refinerID") {
                    refinerID = try fields.convert("refinerID", t) { s throws(IdentifierError) in try PartyID(s) }
                }
                let refiner = try fields.text("refiner")
                let serial = try fields.text("serialNumber")
                let year = try fields.integer("yearOfManufacture")
                let gross = try fields.quantity("grossWeight")
                let fineness = try fields.decimal("fineness")
                commodity = .preciousMetalBar(try fields.build { () throws(CommodityError) in
                    try PreciousMetalBar(metal: metal, refiner: refiner, refinerID: refinerID, serialNumber: serial,
                                         yearOfManufacture: year, grossWeight: gross, fineness: fineness)
                })
            case "baseMetalLot":
                guard let metal = BaseMetalLot.Metal(rawValue: try fields.text("metal")) else {
                    throw ILMDError(element: "metal", "unknown base metal")
                }
                let grade = try fields.text("grade")
                let brand = try fields.text("brand")
                let lotNumber = try fields.text("lotNumber")
                let bundles = try fields.integer("bundles")
                let net = try fields.quantity("netWeight")
                commodity = .baseMetalLot(try fields.build { () throws(CommodityError) in
                    try BaseMetalLot(metal: metal, grade: grade, brand: brand, lotNumber: lotNumber, bundles: bundles, netWeight: net)
                })
            case "petroleumParcel":
                var tank: StorageLocation?
                if let t = fields.optional("tank") {
                    tank = try fields.convert("tank", t) { s throws(IdentifierError) in try StorageLocation(uri: s) }
                }
                var temperature: ExactDecimal = 60
                if fields.optional("standardTemperatureFahrenheit") != nil {
                    temperature = try fields.decimal("standardTemperatureFahrenheit")
                }
                let parcelID = try fields.text("parcelID")
                let grade = try fields.text("grade")
                let volume = try fields.quantity("standardVolume")
                let api = try fields.decimal("apiGravity")
                commodity = .petroleumParcel(try fields.build { () throws(CommodityError) in
                    try PetroleumParcel(parcelID: parcelID, grade: grade, standardVolume: volume, apiGravity: api,
                                        tank: tank, standardTemperatureFahrenheit: temperature)
                })
            default:
                rest.append(e)
            }
        }
        self.init(commodity: commodity, hsCode: hs, extensions: rest)
    }

    /// The ILMD content to write into an EPCIS document: Bollard's elements, then the others.
    public var elements: [ExtensionElement] {
        let ns = BollardNamespace.uri
        func leaf(_ name: String, _ value: String) -> ExtensionElement { ExtensionElement(namespace: ns, name: name, value: value) }
        var out: [ExtensionElement] = []
        if let hsCode { out.append(leaf("hsCode", hsCode.value)) }
        switch commodity {
        case .preciousMetalBar(let b)?:
            var children = [leaf("metal", b.metal.rawValue), leaf("refiner", b.refiner)]
            if let id = b.refinerID { children.append(leaf("refinerID", id.description)) }
            children += [leaf("serialNumber", b.serialNumber), leaf("yearOfManufacture", String(b.yearOfManufacture)),
                         leaf("grossWeight", b.grossWeight.value.description), leaf("grossWeightUOM", b.grossWeight.unit.code),
                         leaf("fineness", b.fineness.description)]
            out.append(ExtensionElement(namespace: ns, name: "preciousMetalBar", children: children))
        case .baseMetalLot(let l)?:
            out.append(ExtensionElement(namespace: ns, name: "baseMetalLot", children: [
                leaf("metal", l.metal.rawValue), leaf("grade", l.grade), leaf("brand", l.brand), leaf("lotNumber", l.lotNumber),
                leaf("bundles", String(l.bundles)), leaf("netWeight", l.netWeight.value.description),
                leaf("netWeightUOM", l.netWeight.unit.code),
            ]))
        case .petroleumParcel(let p)?:
            var children = [leaf("parcelID", p.parcelID), leaf("grade", p.grade),
                            leaf("standardVolume", p.standardVolume.value.description), leaf("standardVolumeUOM", p.standardVolume.unit.code),
                            leaf("standardTemperatureFahrenheit", p.standardTemperatureFahrenheit.description),
                            leaf("apiGravity", p.apiGravity.description)]
            if let tank = p.tank { children.append(leaf("tank", tank.uri)) }
            out.append(ExtensionElement(namespace: ns, name: "petroleumParcel", children: children))
        case nil:
            break
        }
        return out + extensions
    }
}

/// A Bollard ILMD element that is missing or malformed, named by its local name.
public struct ILMDError: Error, Sendable, Hashable, CustomStringConvertible {
    public enum Code: String, Sendable, Hashable, Codable {
        case missing
        case invalid
    }

    public var code: Code
    public var element: String
    public var context: String

    public init(_ code: Code = .invalid, element: String, _ context: String) {
        self.code = code
        self.element = element
        self.context = context
    }

    public var description: String { "ILMD {\(BollardNamespace.uri)}\(element): \(code.rawValue): \(context)" }
}

/// Child lookup for one commodity element, with errors that name the child.
private struct Fields {
    var values: [String: String] = [:]

    init(element: ExtensionElement) {
        for c in element.children where c.namespace == BollardNamespace.uri {
            values[c.name] = c.value ?? ""
        }
    }

    func optional(_ name: String) -> String? { values[name] }

    func text(_ name: String) throws(ILMDError) -> String {
        guard let v = values[name] else { throw ILMDError(.missing, element: name, "missing") }
        return v
    }

    func decimal(_ name: String) throws(ILMDError) -> ExactDecimal {
        let t = try text(name)
        return try convert(name, t) { s throws(DecimalError) in try ExactDecimal(s) }
    }

    func integer(_ name: String) throws(ILMDError) -> Int {
        let t = try text(name)
        guard let n = Int(t) else { throw ILMDError(element: name, "\"\(t)\" is not an integer") }
        return n
    }

    func quantity(_ name: String) throws(ILMDError) -> Quantity {
        let value = try decimal(name)
        let uom = try text(name + "UOM")
        return Quantity(value, try convert(name + "UOM", uom) { s throws(IdentifierError) in try UnitCode(s) })
    }

    func convert<T, E: Error & CustomStringConvertible>(_ name: String, _ text: String, _ f: (String) throws(E) -> T) throws(ILMDError) -> T {
        do { return try f(text) } catch { throw ILMDError(element: name, error.description) }
    }

    /// Runs a commodity initialiser, reporting its validation failure as an ILMDError.
    func build<T>(_ f: () throws(CommodityError) -> T) throws(ILMDError) -> T {
        do { return try f() } catch { throw ILMDError(element: error.field, error.description) }
    }
}
