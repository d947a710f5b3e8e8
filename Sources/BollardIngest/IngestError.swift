import BollardCore
import Foundation

/// Why a document was refused or could not be processed. Stored as the rejected job's error
/// (JSON) and printed by `bollard ingest`: DESIGN.md "Errors" — the file, the position (EDI
/// segment, XML line, JSON path) and the rule broken.
public struct IngestError: Error, Sendable, Hashable, Codable, CustomStringConvertible {
    public enum Code: String, Sendable, Hashable, Codable {
        /// Not a format Bollard reads (EPCIS 2.0 JSON-LD or XML, EDIFACT, X12).
        case unknownFormat
        /// The bytes claim a supported format but do not parse (syntax, envelope, control counts).
        case malformed
        /// Parsed, but a value cannot be mapped to Bollard's model.
        case unmappable
        /// The provenance engine refused a command (a rule of DESIGN.md).
        case refused
        /// The submitter recorded with the document is not a party id.
        case invalidSubmitter
    }

    public var code: Code
    public var file: String?
    /// Where in the document, in the format's own terms.
    public var position: String?
    /// The DESIGN.md rule broken, for engine refusals (`ProvenanceRule` raw value).
    public var rule: String?
    public var context: String
    /// EDI: the functional acknowledgment (CONTRL / 997) that tells the sender why, with the
    /// standard's error codes — a refused interchange is acknowledged too.
    public var acknowledgment: String?

    public init(_ code: Code, file: String? = nil, position: String? = nil, rule: String? = nil, _ context: String) {
        self.code = code
        self.file = file
        self.position = position
        self.rule = rule
        self.context = context
    }

    public var description: String {
        var out = code.rawValue
        if let rule { out += " [\(rule)]" }
        if let file { out += " \(file)" }
        if let position { out += " at \(position)" }
        return out + ": " + context
    }

    /// The JSON stored with the rejected job: RFC 8785, so the same refusal is the same bytes.
    public var json: [UInt8] {
        (try? JCSWriter.encode(self)) ?? Array(#"{"code":"\#(code.rawValue)"}"#.utf8)
    }

    public init?(json: [UInt8]) {
        guard let decoded = try? JSONDecoder().decode(IngestError.self, from: Data(json)) else { return nil }
        self = decoded
    }
}
