import BollardCore

/// Identifiers as the EDI fixtures and trading partners write them, turned into the EPCs, URIs
/// and parties every Bollard mapper uses (see `EPC`: the EDI and EPCIS versions of one story
/// must name the same lots).
extension MessageMapping {
    /// An ISO 6346 container → `urn:epc:id:bic:…`; a wrong check digit is an error at its element.
    func container(_ text: String, _ s: MappingSegment, element: Int, component: Int? = nil) throws(EDIMappingError) -> EPC {
        do {
            return EPC.container(try ContainerNumber(text))
        } catch {
            throw self.error(.invalidContainerNumber, s, element: element, component: component, error.description)
        }
    }

    /// X12 splits equipment into initial (owner code + category, 4 letters), number and,
    /// in some segments, a separate check digit.
    func container(initial: String, number: String, checkDigit: String = "", _ s: MappingSegment, element: Int) throws(EDIMappingError) -> EPC {
        let full = number.count >= 10 ? number : initial + number + checkDigit
        return try container(full, s, element: element)
    }

    func gln(_ text: String, _ s: MappingSegment, element: Int, component: Int? = nil) throws(EDIMappingError) -> GLN {
        do { return try GLN(text) } catch {
            throw self.error(.invalidIdentifier, s, element: element, component: component, error.description)
        }
    }

    /// A GLN site with an optional AI 254 extension (`VAULT-V1`): the Digital Link location EPCIS uses.
    func location(_ gln: GLN, subLocation: String, _ s: MappingSegment, element: Int) throws(EDIMappingError) -> EPCISLocation {
        guard !subLocation.isEmpty else { return EPCISLocation(id: gln.locationURI) }
        do {
            return EPCISLocation(try StorageLocation(uri: gln.locationURI + "/254/" + subLocation))
        } catch {
            throw self.error(.invalidIdentifier, s, element: element, error.description)
        }
    }

    /// A party named by GLN, or by Bollard's party text (`lei:…`, `customs:…`, `gln:…`) under a
    /// mutually defined code list.
    func party(_ id: String, gs1: Bool, _ s: MappingSegment, element: Int) throws(EDIMappingError) -> PartyID {
        do {
            return gs1 ? .gln(try GLN(id)) : try PartyID(id)
        } catch {
            throw self.error(.invalidIdentifier, s, element: element, error.description)
        }
    }

    func receiptNumber(_ text: String, _ s: MappingSegment, element: Int, component: Int? = nil) throws(EDIMappingError) -> ReceiptNumber {
        do { return try ReceiptNumber(text) } catch {
            throw self.error(.invalidIdentifier, s, element: element, component: component, error.description)
        }
    }

    func billOfLading(_ text: String, _ s: MappingSegment, element: Int, component: Int? = nil) throws(EDIMappingError) -> BizTransaction {
        do {
            let bol = try BillOfLadingNumber(text)
            return BizTransaction(type: .billOfLading, bizTransaction: EDIMapper.billOfLadingPrefix + bol.value)
        } catch {
            throw self.error(.invalidIdentifier, s, element: element, component: component, error.description)
        }
    }

    /// An exact decimal; EDIFACT may use `,` as decimal mark (ISO 9735-1 §12).
    func decimal(_ text: String, _ s: MappingSegment, element: Int, component: Int? = nil) throws(EDIMappingError) -> ExactDecimal {
        let t = text.contains(",") ? text.replacingOccurrences(of: ",", with: ".") : text
        do { return try ExactDecimal(t) } catch {
            throw self.error(.invalidQuantity, s, element: element, component: component, "'\(text)': \(error)")
        }
    }

    func quantity(_ amount: String, unit: String, _ s: MappingSegment, element: Int, component: Int?,
                  unitElement: Int, unitComponent: Int?) throws(EDIMappingError) -> Quantity {
        let value = try decimal(amount, s, element: element, component: component)
        guard let code = EDIUnits.recommendation20(unit, standard: standard) else {
            throw error(.unknownUnit, s, element: unitElement, component: unitComponent, "'\(unit)' has no UN/ECE Recommendation 20 equivalent")
        }
        return Quantity(value, code)
    }
}

/// GS1 keys found in marks and product identification, resolved to EPCs.
enum GS1Keys {
    /// GTIN-8/12/13/14 → the 14-digit form Digital Link uses.
    static func gtin(_ text: String) throws(IdentifierError) -> GTIN {
        let digits = text.count < 14 ? String(repeating: "0", count: 14 - text.count) + text : text
        return try GTIN(digits)
    }

    /// GIAI (AI 8004: company prefix + asset reference) → `https://id.gs1.org/8004/…`.
    static func giai(_ value: String) throws(IdentifierError) -> EPC {
        let b = Array(value.utf8)
        guard b.count >= 7, b.count <= 30, b.prefix(6).allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else {
            throw IdentifierError(.invalidFormat, scheme: "GIAI", value: value, "expected a GS1 company prefix and an asset reference, at most 30 characters")
        }
        let ok = b.allSatisfy { ($0 >= 0x30 && $0 <= 0x39) || ($0 >= 0x41 && $0 <= 0x5A) || ($0 >= 0x61 && $0 <= 0x7A) || $0 == 0x2D || $0 == 0x2E || $0 == 0x5F }
        guard ok else { throw IdentifierError(.invalidCharacter, scheme: "GIAI", value: value, "only A-Z, a-z, 0-9, '-', '.', '_' are accepted") }
        return try EPC("https://id.gs1.org/8004/" + value)
    }

    /// A mark in GS1 human-readable element-string form, as printed under a GS1 barcode
    /// (GS1 General Specifications §4.15): `(8004)8801234OPM26-0001`, `(01)08801234000024(10)CU26-A`,
    /// `(01)…(21)…`, `(00)…`. Nil when the mark is not such a string.
    static func epc(fromElementString mark: String) throws(IdentifierError) -> EPC? {
        guard mark.hasPrefix("(") else { return nil }
        var fields: [String: String] = [:]
        var rest = Substring(mark)
        while rest.hasPrefix("(") {
            guard let close = rest.firstIndex(of: ")") else { break }
            let ai = String(rest[rest.index(after: rest.startIndex)..<close])
            let after = rest[rest.index(after: close)...]
            let end = after.firstIndex(of: "(") ?? after.endIndex
            fields[ai] = String(after[after.startIndex..<end])
            rest = after[end...]
        }
        if let v = fields["8004"] { return try giai(v) }
        if let v = fields["00"] { return try EPC("https://id.gs1.org/00/" + v) }
        if let g = fields["01"] {
            let gtin = try gtin(g)
            if let lot = fields["10"] { return try EPC.lgtin(gtin: gtin, lot: lot) }
            if let serial = fields["21"] { return try EPC("https://id.gs1.org/01/\(gtin.value)/21/\(serial)") }
        }
        throw IdentifierError(.invalidFormat, scheme: "GS1 element string", value: mark, "no GIAI (8004), SSCC (00) or GTIN (01) with batch (10) or serial (21)")
    }

    /// An EPC that stands for a class of objects (a lot of a trade item) rather than one instance.
    static func isClass(_ epc: EPC) -> Bool {
        epc.uri.hasPrefix("https://id.gs1.org/01/") && epc.uri.contains("/10/")
    }
}
