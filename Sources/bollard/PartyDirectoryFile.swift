import BollardViewer
import Foundation
import ArgumentParser

extension PartyDirectory {
    /// `--parties FILE`, else parties.json in the data folder when present, else no names:
    /// `bollard serve` and `bollard view render` show the same names for the same data.
    static func load(option path: String?, folder: URL) throws -> PartyDirectory {
        let file = path ?? folder.appendingPathComponent("parties.json").path
        guard path != nil || FileManager.default.fileExists(atPath: file) else { return PartyDirectory() }
        do {
            return try PartyDirectory(json: Array(try Data(contentsOf: URL(fileURLWithPath: file))))
        } catch {
            throw ValidationError("\(file): \(error)")
        }
    }
}
