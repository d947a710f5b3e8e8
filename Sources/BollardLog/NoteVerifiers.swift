/// The set of keys a client trusts. A signature is attributed to a key only when both its key
/// name and its key ID match (C2SP signed-note §Signatures: signatures that share one but not
/// both with a known key are unknown and ignored).
public struct NoteVerifiers: Sendable {
    struct KeyName: Hashable, Sendable {
        var name: String
        var keyID: UInt32
    }

    private var byKey: [KeyName: [any NoteVerifier]] = [:]

    public init(_ verifiers: [any NoteVerifier] = []) {
        for v in verifiers {
            byKey[KeyName(name: v.name, keyID: v.keyID), default: []].append(v)
        }
    }

    /// Parses each vkey (see `VerifierKey`).
    public init(vkeys: [String]) throws(NoteError) {
        var list = [any NoteVerifier]()
        for vkey in vkeys {
            list.append(try VerifierKey(parsing: vkey).verifier())
        }
        self.init(list)
    }

    public var isEmpty: Bool { byKey.isEmpty }

    public enum Lookup: Sendable {
        case known(any NoteVerifier)
        case unknown
        /// Two configured keys share name and ID; the configuration itself is at fault.
        case ambiguous
    }

    public func lookup(name: String, keyID: UInt32) -> Lookup {
        guard let list = byKey[KeyName(name: name, keyID: keyID)] else { return .unknown }
        guard list.count == 1, let only = list.first else { return .ambiguous }
        return .known(only)
    }
}
