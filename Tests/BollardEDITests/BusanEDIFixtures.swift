import BollardCore
import BollardEDI
import BollardEPCIS
import BollardTestSupport
import Foundation
import Testing

/// fixtures/busan in one syntax (EDIFACT, X12, or the EPCIS reference), read in story order and
/// applied document by document through the provenance engine.
enum BusanEDIFixtures {
    static var root: URL { SharedData.packageRoot().appendingPathComponent("fixtures/busan") }

    struct Entry {
        var stem: String
        var submitter: PartyID
        /// Relative to fixtures/busan.
        var file: String
    }

    static func bytes(_ relative: String) throws -> [UInt8] {
        Array(try Data(contentsOf: root.appendingPathComponent(relative)))
    }

    /// story.tsv of `format` (`edifact`, `x12`); `epcis` lists epcis/{stem}.jsonld.
    static func story(_ format: String) throws -> [Entry] {
        let text = String(decoding: try bytes("\(format == "epcis" ? "epcis" : format)/story.tsv"), as: UTF8.self)
        return try text.split(separator: "\n").filter { !$0.hasPrefix("#") }.map { line in
            let cols = line.split(separator: "\t").map(String.init)
            let file = format == "epcis" ? "epcis/\(cols[0]).jsonld" : cols[2]
            return Entry(stem: cols[0], submitter: try PartyID(cols[1]), file: file)
        }
    }

    struct Failure: Error, CustomStringConvertible { var description: String }

    /// An EDI fixture mapped; fails when the file is not EDI.
    static func mapEDI(_ relative: String) throws -> EDIMappedDocument {
        guard let mapped = EDIMapper().map(try bytes(relative)) else { throw Failure(description: "\(relative) is neither EDIFACT nor X12") }
        return mapped
    }

    /// Any story document as the engine takes it.
    static func map(_ relative: String) throws -> MappedDocument {
        if relative.hasSuffix(".jsonld") || relative.hasSuffix(".xml") {
            return try EPCISCoreMapper().map(bytes(relative), fileName: relative)
        }
        let mapped = try mapEDI(relative)
        if let e = mapped.errors.first { throw Failure(description: "\(relative): \(e)") }
        return mapped.document
    }

    enum Result {
        case applied([ApplyOutcome])
        case refused(ProvenanceError)

        var flags: [Flag] {
            if case .applied(let o) = self { return o.flatMap(\.flags) }
            return []
        }

        var refusal: ProvenanceError? {
            if case .refused(let e) = self { return e }
            return nil
        }
    }

    struct Run {
        var engine = ProvenanceEngine()
        /// Per stem: the result of its last document (a stem may take two, EPCIS split then EDI release).
        var results: [String: Result] = [:]
        var stateAfter: [String: ProvenanceState] = [:]
        var documents: [String: MappedDocument] = [:]
    }

    static func run(_ format: String) throws -> Run {
        var run = Run()
        for entry in try story(format) {
            let doc = try map(entry.file)
            run.documents[entry.stem] = doc
            let before = run.engine.state
            do {
                run.results[entry.stem] = .applied(try run.engine.apply(doc, submitter: entry.submitter))
            } catch {
                #expect(run.engine.state == before, "refused \(entry.file) changed the state")
                run.results[entry.stem] = .refused(error)
            }
            run.stateAfter[entry.stem] = run.engine.state
        }
        return run
    }

    static let w1 = "8801234000048"
    static let w2 = "8801234000055"
    static let tanks = "8801234000062"

    static func key(_ warehouse: String, _ number: String) throws -> ReceiptKey {
        ReceiptKey(warehouse: try GLN(warehouse), number: try ReceiptNumber(number))
    }

    static func bar(_ serial: String) throws -> EPC { try EPC.giai(companyPrefix: "8801234", assetReference: serial) }
    static func copper(_ lot: String) throws -> EPC { try EPC.lgtin(gtin: GTIN("08801234000024"), lot: lot) }
    static func parcel(_ id: String) throws -> EPC { try EPC.lgtin(gtin: GTIN("08801234000062"), lot: id) }
    static func container(_ n: String) throws -> EPC { EPC.container(try ContainerNumber(n)) }

    /// Fine troy ounces of gold bar i from the generator's formula (generate_epcis.py `gold`).
    static func fineOunces(_ i: Int) throws -> ExactDecimal {
        let gross = ExactDecimal(significand: Int128(360_000 + (i * 7919) % 60_000), exponent: -3)
        let fineness = ExactDecimal(significand: Int128(9950 + (i * 37) % 50), exponent: -4)
        return try gross * fineness
    }
}
