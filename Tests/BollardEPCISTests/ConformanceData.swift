import BollardTestSupport
import Foundation

/// File access for the GS1 vectors under ../shared/conformance.
enum ConformanceData {
    static func bytes(_ url: URL) throws -> [UInt8] {
        Array(try Data(contentsOf: url))
    }

    static func lines(_ url: URL) throws -> [String] {
        String(decoding: try bytes(url), as: UTF8.self)
            .split(separator: "\n", omittingEmptySubsequences: false)
            .map { String($0).trimmingCharacters(in: CharacterSet(charactersIn: "\r")) }
            .filter { !$0.isEmpty }
    }

    static let documentExtensions: Set<String> = ["json", "jsonld", "xml"]
}
