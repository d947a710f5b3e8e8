import Testing

@testable import BollardLog

/// C2SP tlog-checkpoint: the derived vectors of ../shared/conformance/merkle/c2sp/
/// derived-checkpoint-vectors.json byte for byte, and the strict text rules.
struct CheckpointTests {
    @Test func derivedVectorsByteForByte() throws {
        let vectors = try NoteTestData.derivedCheckpoints()
        let seed = try NoteTestData.hexBytes(vectors.ed25519SeedHex)
        let signer = try CheckpointSigner(origin: vectors.origin, seed: seed)
        let ed = try Ed25519NoteSigner(name: vectors.origin, seed: seed)
        #expect(NoteKeyID.hex(ed.keyID) == vectors.keyIdHex)
        #expect(ed.verifier.vkey == vectors.vkey)
        let verifiers = try NoteVerifiers(vkeys: [vectors.vkey])
        #expect(vectors.checkpoints.map(\.treeSize) == [0, 1, 7, 8])
        for c in vectors.checkpoints {
            let root = try #require(MerkleHash(hex: c.rootHex))
            let signed = try signer.signedCheckpoint(size: c.treeSize, root: root)
            #expect(signed == Array(c.checkpoint.utf8), "size \(c.treeSize)")

            let opened = try Checkpoint.open(Array(c.checkpoint.utf8), verifiers: verifiers, origin: vectors.origin)
            #expect(opened.origin == vectors.origin)
            #expect(opened.size == c.treeSize)
            #expect(opened.root == root)
            #expect(opened.extensions.isEmpty)
        }
        // The roots are RFC 9162's own: the empty tree and the tree of one empty leaf.
        #expect(vectors.checkpoints[0].rootHex == RFC9162.emptyRoot.hex)
        #expect(vectors.checkpoints[1].rootHex == RFC9162.leafHash([]).hex)
    }

    @Test func signerFromSkeyAndThroughTheProtocol() throws {
        let vectors = try NoteTestData.derivedCheckpoints()
        let key = try SignerKey(name: vectors.origin, seed: NoteTestData.hexBytes(vectors.ed25519SeedHex))
        let signer: any CheckpointSigning = try CheckpointSigner(skey: key.encoded)
        #expect(signer.origin == vectors.origin)
        let last = try #require(vectors.checkpoints.last)
        let root = try #require(MerkleHash(hex: last.rootHex))
        #expect(try signer.signedCheckpoint(size: last.treeSize, root: root) == Array(last.checkpoint.utf8))
    }

    @Test func wrongOriginIsRefused() throws {
        let vectors = try NoteTestData.derivedCheckpoints()
        let verifiers = try NoteVerifiers(vkeys: [vectors.vkey])
        let note = Array(try #require(vectors.checkpoints.first).checkpoint.utf8)
        let error = NoteTestData.noteError { () throws(NoteError) in
            try Checkpoint.open(note, verifiers: verifiers, origin: "example.com/another-log")
        }
        #expect(error?.code == .wrongOrigin)

        let signer = try CheckpointSigner(origin: vectors.origin, seed: NoteTestData.hexBytes(vectors.ed25519SeedHex))
        let foreign = try Checkpoint(origin: "example.com/another-log", size: 1, root: RFC9162.emptyRoot)
        #expect(NoteTestData.noteError { () throws(NoteError) in try signer.sign(foreign) }?.code == .wrongOrigin)
    }

    @Test func extensionLinesRoundTripAndAreSigned() throws {
        let vectors = try NoteTestData.derivedCheckpoints()
        let signer = try CheckpointSigner(origin: vectors.origin, seed: NoteTestData.hexBytes(vectors.ed25519SeedHex))
        let checkpoint = try Checkpoint(origin: vectors.origin, size: 42, root: RFC9162.leafHash([1, 2, 3]),
                                        extensions: ["anchor ledger 7", "— not a signature"])
        #expect(checkpoint.text == "\(vectors.origin)\n42\n\(RFC9162.leafHash([1, 2, 3]).base64)\nanchor ledger 7\n— not a signature\n")
        #expect(try Checkpoint(text: checkpoint.text) == checkpoint)
        let note = try signer.sign(checkpoint)
        let opened = try Checkpoint.open(note, verifiers: NoteVerifiers(vkeys: [vectors.vkey]))
        #expect(opened == checkpoint)
    }

    @Test func treeSizeRules() throws {
        let root = RFC9162.emptyRoot.base64
        func parse(_ size: String) -> Result<UInt64, NoteError> {
            Result { () throws(NoteError) in try Checkpoint(text: "o\n\(size)\n\(root)\n").size }
        }
        #expect(try parse("0").get() == 0)
        #expect(try parse("1").get() == 1)
        #expect(try parse("18446744073709551615").get() == UInt64.max)
        for bad in ["", "00", "007", "18446744073709551616", "99999999999999999999",
                    "123456789012345678901234567890", "-1", "+1", " 1", "1 ", "0x10", "1e3", "\u{0661}", "１"] {
            switch parse(bad) {
            case .success(let v): Issue.record("tree size \"\(bad)\" accepted as \(v)")
            case .failure(let e): #expect(e.code == .invalidSize, "\"\(bad)\": \(e)")
            }
        }
    }

    @Test func rootHashRules() throws {
        func parse(_ root: String) -> NoteError? {
            NoteTestData.noteError { () throws(NoteError) in try Checkpoint(text: "o\n5\n\(root)\n") }
        }
        #expect(parse(RFC9162.emptyRoot.base64) == nil)
        #expect(parse("not base64!")?.code == .badBase64)
        #expect(parse("47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU")?.code == .badBase64)
        // Same 32 bytes with non-zero padding bits: a second spelling, refused.
        #expect(parse("47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFV=")?.code == .badBase64)
        #expect(parse(Base64.encode([UInt8](repeating: 7, count: 31)))?.code == .invalidRootHash)
        #expect(parse(Base64.encode([UInt8](repeating: 7, count: 33)))?.code == .invalidRootHash)
        #expect(parse("")?.code == .invalidRootHash)
    }

    @Test func textShapeRules() throws {
        let root = RFC9162.emptyRoot.base64
        func code(_ text: String) -> NoteError.Code? {
            NoteTestData.noteError { () throws(NoteError) in try Checkpoint(text: text) }?.code
        }
        #expect(code("o\n5\n\(root)\n") == nil)
        #expect(code("o\n5\n\(root)") == .malformedCheckpoint)
        #expect(code("o\n5\n") == .malformedCheckpoint)
        #expect(code("") == .malformedCheckpoint)
        #expect(code("\n5\n\(root)\n") == .malformedCheckpoint)
        #expect(code("o\n5\n\(root)\n\n") == .malformedCheckpoint)
        #expect(code("o\n5\n\(root)\next\n\nmore\n") == .malformedCheckpoint)
        #expect(code("o\r\n5\n\(root)\n") == .controlCharacter)

        #expect(NoteTestData.noteError { () throws(NoteError) in try Checkpoint(origin: "", size: 0, root: RFC9162.emptyRoot) }?.code == .malformedCheckpoint)
        #expect(NoteTestData.noteError { () throws(NoteError) in try Checkpoint(origin: "a\nb", size: 0, root: RFC9162.emptyRoot) }?.code == .malformedCheckpoint)
        #expect(NoteTestData.noteError { () throws(NoteError) in try Checkpoint(origin: "a\tb", size: 0, root: RFC9162.emptyRoot) }?.code == .controlCharacter)
        #expect(NoteTestData.noteError { () throws(NoteError) in try Checkpoint(origin: "o", size: 0, root: RFC9162.emptyRoot, extensions: [""]) }?.code == .malformedCheckpoint)
        #expect(NoteTestData.noteError { () throws(NoteError) in try CheckpointSigner(origin: "o", signers: []) }?.code == .malformedNote)
    }

    /// A signed note whose text ends in a blank line reads as a checkpoint with an empty
    /// extension line, which the spec forbids.
    @Test func signedTextWithTrailingBlankLineIsRefused() throws {
        let vectors = try NoteTestData.derivedCheckpoints()
        let signer = try Ed25519NoteSigner(name: vectors.origin, seed: NoteTestData.hexBytes(vectors.ed25519SeedHex))
        let note = try Note.sign(text: "\(vectors.origin)\n1\n\(RFC9162.emptyRoot.base64)\n\n", signers: [signer])
        let error = NoteTestData.noteError { () throws(NoteError) in
            try Checkpoint.open(note, verifiers: NoteVerifiers([signer.verifier]))
        }
        #expect(error?.code == .malformedCheckpoint)
    }
}
