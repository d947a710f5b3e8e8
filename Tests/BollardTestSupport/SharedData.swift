import Foundation

/// Locates ../shared (the conformance vectors and notes that sit beside the checkout) at run
/// time. Tests read the vectors in place; none are copied into the project. A missing folder
/// is an error, never a skip: a suite that silently tests nothing would pass CI.
public enum SharedData {
    public struct Missing: Error, CustomStringConvertible {
        public let path: String
        public var description: String {
            "conformance data not found at \(path); set BOLLARD_SHARED or place ../shared beside the checkout"
        }
    }

    /// The folder holding DESIGN.md, conformance/ and notes/.
    public static func root(file: StaticString = #filePath) throws -> URL {
        if let env = ProcessInfo.processInfo.environment["BOLLARD_SHARED"], !env.isEmpty {
            return URL(fileURLWithPath: env)
        }
        // Tests/BollardTestSupport/SharedData.swift → package root → ../shared
        let packageRoot = URL(fileURLWithPath: "\(file)")
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let shared = packageRoot.deletingLastPathComponent().appendingPathComponent("shared")
        guard FileManager.default.fileExists(atPath: shared.appendingPathComponent("conformance").path) else {
            throw Missing(path: shared.path)
        }
        return shared
    }

    /// A path under ../shared/conformance.
    public static func conformance(_ relative: String) throws -> URL {
        let url = try root().appendingPathComponent("conformance").appendingPathComponent(relative)
        guard FileManager.default.fileExists(atPath: url.path) else { throw Missing(path: url.path) }
        return url
    }

    /// The package root, for fixtures/.
    public static func packageRoot(file: StaticString = #filePath) -> URL {
        URL(fileURLWithPath: "\(file)")
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    }

    /// Every file under `directory` with one of `extensions`, sorted by path.
    public static func files(under directory: URL, extensions: Set<String>) throws -> [URL] {
        guard let e = FileManager.default.enumerator(at: directory, includingPropertiesForKeys: nil) else {
            throw Missing(path: directory.path)
        }
        var out = [URL]()
        for case let url as URL in e where extensions.contains(url.pathExtension) {
            out.append(url)
        }
        return out.sorted { $0.path < $1.path }
    }
}
