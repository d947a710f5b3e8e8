/// A unit of measure as a UN/ECE Recommendation 20 common code (the codes EDIFACT MEA/QTY, X12
/// and EPCIS `uom` carry). Any well-formed code is accepted so foreign documents round-trip;
/// only the codes in `UnitCode.known` can be converted.
public struct UnitCode: Hashable, Sendable, Comparable, CustomStringConvertible, TextCodable {
    public let code: String

    /// - Throws: `IdentifierError` unless the code is 2 or 3 upper-case alphanumerics (Rec 20 form).
    public init(_ code: String) throws(IdentifierError) {
        let bytes = Array(code.utf8)
        guard (2...3).contains(bytes.count), bytes.allSatisfy(ASCII.isUpperAlnum) else {
            throw IdentifierError(.invalidFormat, scheme: "UN/ECE Rec 20 unit code", value: code, "expected 2-3 characters A-Z, 0-9")
        }
        self.code = code
    }

    init(known code: String) { self.code = code }

    public var description: String { code }
    public static func < (lhs: UnitCode, rhs: UnitCode) -> Bool { lhs.code < rhs.code }

    public var canonicalText: String { code }

    public static let kilogram = UnitCode(known: "KGM")
    public static let gram = UnitCode(known: "GRM")
    public static let milligram = UnitCode(known: "MGM")
    public static let tonne = UnitCode(known: "TNE")
    /// APZ: troy ounce (Rec 20 "troy ounce or apothecary ounce").
    public static let troyOunce = UnitCode(known: "APZ")
    public static let pound = UnitCode(known: "LBR")
    public static let ounce = UnitCode(known: "ONZ")
    public static let cubicMetre = UnitCode(known: "MTQ")
    public static let litre = UnitCode(known: "LTR")
    public static let millilitre = UnitCode(known: "MLT")
    /// BLL: barrel (US), 42 US gallons — the petroleum barrel.
    public static let barrel = UnitCode(known: "BLL")
    public static let gallonUS = UnitCode(known: "GLL")
    /// H87: piece. C62: one (unit count).
    public static let piece = UnitCode(known: "H87")
    public static let one = UnitCode(known: "C62")

    /// The dimension and exact size in the dimension's base unit, for convertible codes.
    public var definition: UnitDefinition? { UnitDefinition.table[code] }
}

/// What a unit measures. Conversions only happen within one dimension.
public enum PhysicalDimension: String, Sendable, Hashable, Codable {
    /// Base unit: kilogram (KGM).
    case mass
    /// Base unit: cubic metre (MTQ).
    case volume
    /// Base unit: one (C62).
    case count
}

/// A convertible unit. `sizeInBaseUnit` is exact; each value below is a legal definition, not a
/// measurement:
/// - troy ounce = 31.1034768 g (US/UK 1959 international yard and pound agreement);
/// - pound = 0.45359237 kg and ounce = 1/16 lb = 0.028349523125 kg (same agreement);
/// - US gallon = 231 in³ = 3.785411784 L, barrel = 42 gallons = 0.158987294928 m³.
public struct UnitDefinition: Sendable, Hashable {
    public let dimension: PhysicalDimension
    public let sizeInBaseUnit: ExactDecimal

    static func d(_ significand: Int128, _ exponent: Int) -> ExactDecimal {
        ExactDecimal(significand: significand, exponent: exponent)
    }

    static let table: [String: UnitDefinition] = [
        "KGM": .init(dimension: .mass, sizeInBaseUnit: d(1, 0)),
        "GRM": .init(dimension: .mass, sizeInBaseUnit: d(1, -3)),
        "MGM": .init(dimension: .mass, sizeInBaseUnit: d(1, -6)),
        "TNE": .init(dimension: .mass, sizeInBaseUnit: d(1, 3)),
        "APZ": .init(dimension: .mass, sizeInBaseUnit: d(311_034_768, -10)),
        "LBR": .init(dimension: .mass, sizeInBaseUnit: d(45_359_237, -8)),
        "ONZ": .init(dimension: .mass, sizeInBaseUnit: d(28_349_523_125, -12)),
        "MTQ": .init(dimension: .volume, sizeInBaseUnit: d(1, 0)),
        "LTR": .init(dimension: .volume, sizeInBaseUnit: d(1, -3)),
        "MLT": .init(dimension: .volume, sizeInBaseUnit: d(1, -6)),
        "GLL": .init(dimension: .volume, sizeInBaseUnit: d(3_785_411_784, -12)),
        "BLL": .init(dimension: .volume, sizeInBaseUnit: d(158_987_294_928, -12)),
        "C62": .init(dimension: .count, sizeInBaseUnit: d(1, 0)),
        "H87": .init(dimension: .count, sizeInBaseUnit: d(1, 0)),
    ]

    public static var knownCodes: [UnitCode] { table.keys.sorted().map(UnitCode.init(known:)) }
}
