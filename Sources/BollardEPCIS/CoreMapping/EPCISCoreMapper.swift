import BollardCore
import Crypto

/// One EPCIS event as Core sees it: the faithful Core event (what is hashed and written back)
/// and the engine command it stands for.
public struct MappedEvent: Sendable, Equatable {
    public var event: BollardCore.EPCISEvent
    public var command: Command

    public init(event: BollardCore.EPCISEvent, command: Command) {
        self.event = event
        self.command = command
    }
}

/// An EPCIS document mapped to Core: its SHA-256 (the intake's document id) and its events in
/// document order.
public struct MappedDocument: Sendable, Equatable {
    public var documentSHA256: String
    public var events: [MappedEvent]

    public init(documentSHA256: String, events: [MappedEvent]) {
        self.documentSHA256 = documentSHA256
        self.events = events
    }

    public var commands: [Command] { events.map(\.command) }
}

/// EPCIS 2.0 bytes (JSON-LD or XML) → Core commands, all or nothing: the first event that
/// cannot be mapped refuses the whole document, so a party never gets half a document applied.
public struct EPCISCoreMapper: Sendable {
    public init() {}

    public func map(_ bytes: [UInt8], fileName: String) throws(CoreMappingError) -> MappedDocument {
        var cache = EPCISReadCache()
        return try map(bytes, fileName: fileName, cache: &cache)
    }

    /// `map(_:fileName:)` for one of several documents read in turn, sharing `cache`.
    public func map(_ bytes: [UInt8], fileName: String, cache: inout EPCISReadCache) throws(CoreMappingError) -> MappedDocument {
        let document: EPCISDocument
        if EPCISDocumentReader.syntax(of: bytes, fileName: fileName) == .jsonLD,
           let fast = EPCISFastPath.jsonLDDocument(bytes, cache: &cache)
        {
            document = fast
        } else {
            do {
                document = try EPCISDocumentReader().read(bytes, fileName: fileName)
            } catch {
                throw CoreMappingError(.document, documentName: fileName, position: error.position, "\(error.code.rawValue): \(error.context)")
            }
        }
        let digest = Array(SHA256.hash(data: bytes))
        var out: [MappedEvent] = []
        out.reserveCapacity(document.events.count)
        do throws(CoreMappingError) {
            for event in document.events {
                let pointer: SourcePointer
                do {
                    pointer = try SourcePointer(documentSHA256: digest, position: Self.sourcePosition(event.position))
                } catch {
                    throw CoreMappingError(.invalidValue, position: event.position, error.description)
                }
                let core = try CoreEventDecoder().decode(event, source: pointer)
                out.append(MappedEvent(event: core, command: try CommandInterpreter().command(for: core, position: event.position)))
            }
        } catch {
            var e = error
            e.documentName = fileName
            throw e
        }
        return MappedDocument(documentSHA256: Self.hex(digest), events: out)
    }

    /// `$.epcisBody.eventList[3]` → the RFC 9535 normalized path `$['epcisBody']['eventList'][3]`;
    /// `line 40` (the XML reader gives the start tag's line) → line 40, column 1.
    static func sourcePosition(_ position: String) -> SourcePosition {
        if position.hasPrefix("line ") {
            let digits = position.dropFirst(5).prefix { $0.isASCII && $0.isNumber }
            return .xml(line: Int(digits) ?? 0, column: 1)
        }
        guard position.hasPrefix("$") else { return .wholeDocument }
        if position.utf8.allSatisfy({ $0 < 0x80 }) { return .jsonPath(path: normalizedPath(ascii: position)) }
        var out = "$"
        for segment in position.dropFirst().split(separator: ".") {
            let parts = segment.split(separator: "[", omittingEmptySubsequences: false)
            if let name = parts.first, !name.isEmpty { out += "['\(name)']" }
            for index in parts.dropFirst() { out += "[" + index }
        }
        return .jsonPath(path: out)
    }

    /// `sourcePosition` for an ASCII path, on its bytes: the same splits (at `.` and `[`, which
    /// are whole characters in ASCII text) without a `Character` view or string concatenation.
    private static func normalizedPath(ascii position: String) -> String {
        var out: [UInt8] = [UInt8(ascii: "$")]
        out.reserveCapacity(position.utf8.count + 24)
        for segment in position.utf8.dropFirst().split(separator: UInt8(ascii: ".")) {
            let parts = segment.split(separator: UInt8(ascii: "["), omittingEmptySubsequences: false)
            if let name = parts.first, !name.isEmpty {
                out.append(contentsOf: "['".utf8)
                out.append(contentsOf: name)
                out.append(contentsOf: "']".utf8)
            }
            for index in parts.dropFirst() {
                out.append(UInt8(ascii: "["))
                out.append(contentsOf: index)
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    static func hex(_ digest: [UInt8]) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        for b in digest { out.append(digits[Int(b >> 4)]); out.append(digits[Int(b & 0x0F)]) }
        return String(decoding: out, as: UTF8.self)
    }
}
