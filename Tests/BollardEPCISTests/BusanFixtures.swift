import BollardCore
import BollardEPCIS
import BollardTestSupport
import Foundation
import Testing

/// fixtures/busan/epcis read in story order (story.tsv), mapped and applied document by document.
enum BusanFixtures {
    static var directory: URL { SharedData.packageRoot().appendingPathComponent("fixtures/busan/epcis") }

    struct Entry {
        var stem: String
        var submitter: PartyID
    }

    static func story() throws -> [Entry] {
        let text = String(decoding: try Data(contentsOf: directory.appendingPathComponent("story.tsv")), as: UTF8.self)
        return try text.split(separator: "\n").filter { !$0.hasPrefix("#") }.map { line in
            let cols = line.split(separator: "\t")
            return Entry(stem: String(cols[0]), submitter: try PartyID(String(cols[1])))
        }
    }

    static func bytes(_ name: String) throws -> [UInt8] {
        Array(try Data(contentsOf: directory.appendingPathComponent(name)))
    }

    static func map(_ name: String) throws -> MappedDocument {
        try EPCISCoreMapper().map(bytes(name), fileName: name)
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

    /// The whole story in one syntax: the results per document and the state after each.
    struct Run {
        var engine = ProvenanceEngine()
        var results: [String: Result] = [:]
        var stateAfter: [String: ProvenanceState] = [:]
        var documents: [String: MappedDocument] = [:]
    }

    /// - Parameter sources: replaces each event's source pointer (to compare two syntaxes fact by fact).
    static func run(_ ext: String, sources: ((String, Int) -> SourcePointer?)? = nil) throws -> Run {
        var run = Run()
        for entry in try story() {
            var doc = try map(entry.stem + "." + ext)
            if let sources {
                for i in doc.events.indices {
                    if let s = sources(entry.stem, i) { doc.events[i].command = doc.events[i].command.withSource(s) }
                }
            }
            run.documents[entry.stem] = doc
            let before = run.engine.state
            do {
                run.results[entry.stem] = .applied(try run.engine.apply(doc, submitter: entry.submitter))
            } catch {
                #expect(run.engine.state == before, "refused \(entry.stem) changed the state")
                run.results[entry.stem] = .refused(error)
            }
            run.stateAfter[entry.stem] = run.engine.state
        }
        return run
    }

    static func gln(_ s: String) throws -> GLN { try GLN(s) }
    static let w1 = "8801234000048"
    static let w2 = "8801234000055"
    static let tanks = "8801234000062"

    static func key(_ warehouse: String, _ number: String) throws -> ReceiptKey {
        ReceiptKey(warehouse: try GLN(warehouse), number: try ReceiptNumber(number))
    }

    static func bar(_ serial: String) throws -> EPC { try EPC.giai(companyPrefix: "8801234", assetReference: serial) }
    static func copper(_ lot: String) throws -> EPC { try EPC.lgtin(gtin: GTIN("08801234000024"), lot: lot) }
    static func parcel(_ id: String) throws -> EPC { try EPC.lgtin(gtin: GTIN("08801234000062"), lot: id) }
    static func serial(_ i: Int) -> String { i < 10 ? "OPM26-000\(i)" : "OPM26-00\(i)" }

    /// Fine troy ounces of gold bar i, recomputed here from the generator's formula
    /// (fixtures/busan/generate_epcis.py `gold`) rather than read back from the engine.
    static func fineOunces(_ i: Int) throws -> ExactDecimal {
        let gross = ExactDecimal(significand: Int128(360_000 + (i * 7919) % 60_000), exponent: -3)
        let fineness = ExactDecimal(significand: Int128(9950 + (i * 37) % 50), exponent: -4)
        return try gross * fineness
    }
}

extension Command {
    func withSource(_ s: SourcePointer) -> Command {
        switch self {
        case .captureEvent(var e): e.sourcePointer = s; return .captureEvent(e)
        case .issueReceipt(var c): c.source = s; return .issueReceipt(c)
        case .closeReceipt(var c): c.source = s; return .closeReceipt(c)
        case .pledgeReceipt(var c): c.source = s; return .pledgeReceipt(c)
        case .defineToken(var c): c.source = s; return .defineToken(c)
        case .bindReceipt(var c): c.source = s; return .bindReceipt(c)
        case .releaseEncumbrance(var c): c.source = s; return .releaseEncumbrance(c)
        case .reportInventory(var c): c.source = s; return .reportInventory(c)
        }
    }
}
