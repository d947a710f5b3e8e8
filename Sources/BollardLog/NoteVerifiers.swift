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

    /// The one verifier for `name` and `keyID`. Throws `unknownKey` when none is configured —
    /// which `Note.open` treats as "ignore this signature" — and `ambiguousKey` when two are, a
    /// fault in the configuration itself.
    public func verifier(name: String, keyID: UInt32) throws(NoteError) -> any NoteVerifier {
        let key = "\(name)+\(NoteKeyID.hex(keyID))"
        guard let list = byKey[KeyName(name: name, keyID: keyID)] else {
            throw NoteError(.unknownKey, "no configured key is \(key)")
        }
        guard list.count == 1, let only = list.first else {
            throw NoteError(.ambiguousKey, "more than one configured key is \(key)")
        }
        return only
    }
}
