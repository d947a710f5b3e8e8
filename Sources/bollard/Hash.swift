import ArgumentParser
import BollardEPCIS
import Foundation

/// `bollard hash FILE…`: the CBV 2.0 §8.9 event hash of every event, printed the way GS1's
/// reference generator (`python -m epcis_event_hash_generator`) prints it, so a customs officer
/// can diff the two outputs.
struct Hash: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Print the GS1 CBV 2.0 event hash of every event in EPCIS 2.0 documents.",
        discussion: """
            Reads EPCIS 2.0 JSON-LD (.jsonld/.json) or XML (.xml; otherwise the
            first byte decides) and prints, per file, one ni:///sha-256;…?ver=CBV2.0
            line per event in document order, laid out as GS1's reference generator
            (epcis-event-hash-generator) lays it out. An event the reference cannot
            hash either (a time that rounds into the next second, an infinite number)
            is left out of the list and reported on stderr. A refused document
            (malformed, wrong types, unknown CBV terms, a DTD) prints its position
            on stderr, and the exit status is then 1.

            Example:
              bollard hash shipment.jsonld
              bollard hash --prehash shipment.xml
              python -m epcis_event_hash_generator shipment.jsonld   # the same lines
            """
    )

    @Flag(name: [.short, .long], help: "Also print the pre-hash strings (separated by ---).")
    var prehash = false

    @Argument(help: "EPCIS 2.0 documents (JSON-LD or XML).")
    var files: [String]

    func validate() throws {
        guard !files.isEmpty else { throw ValidationError("name at least one file") }
    }

    func run() throws {
        let hasher = EPCISEventHasher()
        var refused = false
        for file in files {
            let bytes: [UInt8]
            do {
                bytes = try Array(Data(contentsOf: URL(fileURLWithPath: file)))
            } catch {
                Self.printError("\(file): cannot read: \(error.localizedDescription)")
                refused = true
                continue
            }
            let hashes: [EPCISEventHash]
            do {
                hashes = try hasher.hashes(documentBytes: bytes, fileName: file, includePreHashes: prehash)
            } catch {
                var e = error
                if e.documentName.isEmpty { e.documentName = file }
                Self.printError(e.description)
                refused = true
                continue
            }
            for h in hashes {
                if let failure = h.failure { Self.printError("\(file): event \(h.index) at \(h.position) has no hash: \(failure)") }
            }
            var text = "\n\nHashes of the events contained in '\(file)':\n"
            text += EPCISEventHasher.referenceOutput(hashes).joined(separator: "\n")
            if prehash {
                text += "\n\nPre-hash strings:\n"
                text += EPCISEventHasher.referenceOutput(hashes, preHashes: true).joined(separator: "\n---\n")
            }
            print(text)
        }
        if refused { throw ExitCode(1) }
    }

    static func printError(_ message: String) {
        FileHandle.standardError.write(Data(("bollard hash: " + message + "\n").utf8))
    }
}
