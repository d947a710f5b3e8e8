import Foundation
import BollardTestSupport
@testable import BollardEDI

/// Access to ../shared/conformance/edi.
enum Corpus {
    static func root() throws -> URL { try SharedData.conformance("edi") }

    /// Every data file (licence texts and the index excluded), relative to the corpus root.
    static func dataFiles() throws -> [String] {
        let root = try root()
        guard let e = FileManager.default.enumerator(at: root, includingPropertiesForKeys: [.isRegularFileKey]) else { return [] }
        var out: [String] = []
        for case let url as URL in e {
            let name = url.lastPathComponent
            guard (try? url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true,
                  !name.hasPrefix("UPSTREAM"), name != "INDEX.md", name != "SOURCE.md" else { continue }
            out.append(String(url.path.dropFirst(root.path.count + 1)))
        }
        return out.sorted()
    }

    static func bytes(_ relative: String) throws -> [UInt8] {
        try [UInt8](Data(contentsOf: root().appendingPathComponent(relative)))
    }

    /// The paths INDEX.md lists in its first table.
    static func indexedPaths() throws -> [String] {
        let text = try String(contentsOf: root().appendingPathComponent("INDEX.md"), encoding: .utf8)
        var paths: [String] = []
        for line in text.split(separator: "\n") where line.hasPrefix("| ") {
            let cells = line.split(separator: "|", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
            guard cells.count > 8, cells[1].contains("/") else { continue }
            paths.append(cells[1])
        }
        return paths
    }

    /// Reads `bytes` as the given standard, feeding the scanner `chunk` bytes at a time.
    static func read(_ bytes: [UInt8], as standard: EDIStandard, chunk: Int) -> EDIDocumentReport {
        switch standard {
        case .edifact:
            var scanner = EdifactScanner()
            var reader = EdifactInterchangeReader()
            var i = 0
            while i < bytes.count {
                scanner.append(contentsOf: bytes[i..<min(bytes.count, i + chunk)])
                i += chunk
                while let s = scanner.next() { reader.consume(s) }
            }
            scanner.finish()
            while let s = scanner.next() { reader.consume(s) }
            return reader.finish()
        case .x12:
            var scanner = X12Scanner()
            var reader = X12InterchangeReader()
            var i = 0
            while i < bytes.count {
                scanner.append(contentsOf: bytes[i..<min(bytes.count, i + chunk)])
                i += chunk
                while let s = scanner.next() { reader.consume(s) }
            }
            scanner.finish()
            while let s = scanner.next() { reader.consume(s) }
            return reader.finish()
        }
    }
}
