/// An amount in a Rec 20 unit, exact. Conversions multiply by exact legal factors; where the
/// result would not terminate (grams to troy ounces), the caller states the scale and rounding.
public struct Quantity: Hashable, Sendable, Codable, CustomStringConvertible {
    public var value: ExactDecimal
    public var unit: UnitCode

    public init(_ value: ExactDecimal, _ unit: UnitCode) {
        self.value = value
        self.unit = unit
    }

    /// Convenience for literals in code and tests: `try Quantity("400.125", .troyOunce)`.
    public init(_ text: String, _ unit: UnitCode) throws(DecimalError) {
        self.init(try ExactDecimal(text), unit)
    }

    public var description: String { "\(value) \(unit.code)" }

    public var dimension: PhysicalDimension? { unit.definition?.dimension }

    func definitions(to target: UnitCode) throws(QuantityError) -> (UnitDefinition, UnitDefinition) {
        guard let from = unit.definition else { throw QuantityError(.unknownUnit, "\(unit) has no conversion") }
        guard let to = target.definition else { throw QuantityError(.unknownUnit, "\(target) has no conversion") }
        guard from.dimension == to.dimension else {
            throw QuantityError(.incompatibleDimensions, "\(unit) is \(from.dimension.rawValue), \(target) is \(to.dimension.rawValue)")
        }
        return (from, to)
    }

    /// The value in the dimension's base unit (kg, m³, one) — always exact.
    public func inBaseUnit() throws(QuantityError) -> ExactDecimal {
        guard let def = unit.definition else { throw QuantityError(.unknownUnit, "\(unit) has no conversion") }
        do { return try value * def.sizeInBaseUnit } catch { throw QuantityError(.arithmetic, error.description) }
    }

    /// Exact conversion.
    /// - Throws: `.inexact` when the converted value does not terminate (round explicitly with
    ///   `converted(to:scale:rounding:)`).
    public func converted(to target: UnitCode) throws(QuantityError) -> Quantity {
        if target == unit { return self }
        let (_, to) = try definitions(to: target)
        let base = try inBaseUnit()
        do {
            return Quantity(try base.dividedExactly(by: to.sizeInBaseUnit), target)
        } catch {
            throw QuantityError(error.code == .inexact ? .inexact : .arithmetic, "\(self) in \(target): \(error.description)")
        }
    }

    /// Conversion rounded to `scale` fraction digits of the target unit.
    public func converted(to target: UnitCode, scale: Int, rounding: DecimalRoundingMode) throws(QuantityError) -> Quantity {
        let (_, to) = try definitions(to: target)
        let base = try inBaseUnit()
        do {
            return Quantity(try base.divided(by: to.sizeInBaseUnit, scale: scale, rounding: rounding), target)
        } catch {
            throw QuantityError(.arithmetic, "\(self) in \(target): \(error.description)")
        }
    }

    /// `self + other`, expressed in `self`'s unit.
    public func adding(_ other: Quantity) throws(QuantityError) -> Quantity {
        let o = try other.converted(to: unit)
        do { return Quantity(try value + o.value, unit) } catch { throw QuantityError(.arithmetic, error.description) }
    }

    public func subtracting(_ other: Quantity) throws(QuantityError) -> Quantity {
        let o = try other.converted(to: unit)
        do { return Quantity(try value - o.value, unit) } catch { throw QuantityError(.arithmetic, error.description) }
    }

    public func multiplied(by factor: ExactDecimal) throws(QuantityError) -> Quantity {
        do { return Quantity(try value * factor, unit) } catch { throw QuantityError(.arithmetic, error.description) }
    }

    /// Compares amounts of the same dimension in any units; exact.
    public func compare(to other: Quantity) throws(QuantityError) -> Int {
        _ = try definitions(to: other.unit)
        return ExactDecimal.compare(try inBaseUnit(), try other.inBaseUnit())
    }

    /// Numerically equal amounts in any units of one dimension.
    public func isEquivalent(to other: Quantity) -> Bool {
        (try? compare(to: other)) == 0
    }
}
