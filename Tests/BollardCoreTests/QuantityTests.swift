import Testing

@testable import BollardCore

struct QuantityTests {
    func q(_ s: String, _ u: UnitCode) throws -> Quantity { try Quantity(s, u) }

    @Test func troyOunceToGramIsExact() throws {
        #expect(try q("1", .troyOunce).converted(to: .gram) == q("31.1034768", .gram))
        #expect(try q("400.125", .troyOunce).converted(to: .gram).value == ExactDecimal("12445.2786546"))
        #expect(try q("1", .troyOunce).converted(to: .kilogram).value == ExactDecimal("0.0311034768"))
        // Back again is exact too when the grams came from ounces.
        #expect(try q("12445.2786546", .gram).converted(to: .troyOunce).value == ExactDecimal("400.125"))
    }

    @Test func gramToTroyOunceNeedsAStatedScale() throws {
        let grams = try q("1000", .gram)
        let error = #expect(throws: QuantityError.self) { try grams.converted(to: .troyOunce) }
        #expect(error?.code == .inexact)
        // 1000 / 31.1034768 = 32.150746568627980…
        #expect(try q("1000", .gram).converted(to: .troyOunce, scale: 7, rounding: .halfEven).value == ExactDecimal("32.1507466"))
        #expect(try q("1000", .gram).converted(to: .troyOunce, scale: 3, rounding: .down).value == ExactDecimal("32.150"))
    }

    @Test func metricMass() throws {
        #expect(try q("25.000", .tonne).converted(to: .kilogram).value == 25000)
        #expect(try q("23475", .kilogram).converted(to: .tonne).value == ExactDecimal("23.475"))
        #expect(try q("1", .gram).converted(to: .kilogram).value == ExactDecimal("0.001"))
        #expect(try q("1", .pound).converted(to: .gram).value == ExactDecimal("453.59237"))
    }

    @Test func barrelToCubicMetreIsExact() throws {
        #expect(try q("1", .barrel).converted(to: .cubicMetre).value == ExactDecimal("0.158987294928"))
        #expect(try q("250000", .barrel).converted(to: .cubicMetre).value == ExactDecimal("39746.823732"))
        #expect(try q("1", .barrel).converted(to: .litre).value == ExactDecimal("158.987294928"))
        #expect(try q("1", .barrel).converted(to: .gallonUS).value == 42)
        #expect(try q("39746.823732", .cubicMetre).converted(to: .barrel).value == 250000)
        // 1 m³ = 6.28981077043210… bbl: not terminating, rounded as stated.
        #expect(try q("1", .cubicMetre).converted(to: .barrel, scale: 6, rounding: .halfEven).value == ExactDecimal("6.289811"))
    }

    @Test func dimensionsDoNotMix() throws {
        let barrel = try q("1", .barrel)
        let error = #expect(throws: QuantityError.self) { try barrel.converted(to: .kilogram) }
        #expect(error?.code == .incompatibleDimensions)
        let unknown = try UnitCode("XYZ")
        do {
            _ = try Quantity(1, unknown).converted(to: .kilogram)
        } catch {
            #expect(error.code == .unknownUnit)
        }
        #expect(throws: IdentifierError.self) { try UnitCode("kgm") }
    }

    @Test func sumsAcrossUnits() throws {
        let total = try q("1", .tonne).adding(q("500", .kilogram))
        #expect(total == (try q("1.5", .tonne)))
        #expect(try q("1", .tonne).compare(to: q("999.999", .kilogram)) == 1)
        #expect(try q("1000", .kilogram).isEquivalent(to: q("1", .tonne)))
    }
}
