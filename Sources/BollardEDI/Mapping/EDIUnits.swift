import BollardCore

/// Units of measure in EDI → UN/ECE Recommendation 20 common codes (what Core and EPCIS `uom` use).
///
/// EDIFACT (MEA C174 6411, QTY C186 6411) already uses Recommendation 20. X12 uses its own code
/// lists: element 355 (unit or basis for measurement) and element 188 (weight unit, one letter);
/// the table below holds the codes the warehouse and ocean transaction sets carry for the
/// commodities Bollard tracks. X12 355 has no troy ounce; a trading partner agreement may then
/// send the Recommendation 20 code itself (`APZ`), which is accepted as is.
enum EDIUnits {
    static let x12: [String: String] = [
        // 355
        "KG": "KGM", "LB": "LBR", "GR": "GRM", "MT": "TNE", "BR": "BLL", "GA": "GLL", "LT": "LTR", "CR": "MTQ",
        "EA": "H87", "PC": "H87", "OZ": "ONZ", "TN": "STN", "BD": "XBE",
        // 188
        "K": "KGM", "L": "LBR", "E": "TNE", "O": "ONZ", "S": "STN", "T": "LTN",
    ]

    static func recommendation20(_ code: String, standard: EDIStandard) -> UnitCode? {
        if standard == .x12, let mapped = x12[code] { return try? UnitCode(mapped) }
        guard code.count == 3 || standard == .edifact else { return nil }
        return try? UnitCode(code)
    }
}
