import Testing

@testable import BollardLog

/// C2SP tlog-cosignature, Ed25519 (type 0x04): a witness cosigns a log's checkpoint.
struct CosignatureTests {
    static let time: UInt64 = 1_679_315_147

    static func logSigner() throws -> CheckpointSigner {
        let vectors = try NoteTestData.derivedCheckpoints()
        return try CheckpointSigner(origin: vectors.origin, seed: NoteTestData.hexBytes(vectors.ed25519SeedHex))
    }

    static func witness() throws -> CosignatureSigner {
        try CosignatureSigner(name: "witness.example.com/w1", seed: witnessSeed, clock: { time })
    }

    /// A checkpoint signed by the log and cosigned by the witness.
    static func cosignedNote() throws -> (note: [UInt8], log: any NoteVerifier, witness: CosignatureVerifier) {
        let log = try logSigner()
        let logNote = try log.signedCheckpoint(size: 8, root: RFC9162.leafHash([8]))
        let witness = try witness()
        let cosigned = try Note.parse(logNote).signed(by: [witness]).encoded()
        let logVerifier = try #require(log.signers.first as? Ed25519NoteSigner).verifier
        return (cosigned, logVerifier, witness.verifier)
    }

    @Test func signedMessageMatchesTheSpecExample() throws {
        let text = "example.com/behind-the-sofa\n20852163\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n"
        let message = CosignatureV1.message(timestamp: Self.time, text: Array(text.utf8))
        #expect(message == Array(("cosignature/v1\ntime 1679315147\n" + text).utf8))
        #expect(CosignatureV1.message(timestamp: 0, text: []) == Array("cosignature/v1\ntime 0\n".utf8))
    }

    @Test func cosignedCheckpointVerifies() throws {
        let (note, log, witness) = try Self.cosignedNote()
        let signed = try Checkpoint.openSigned(note, verifiers: NoteVerifiers([log, witness]))
        #expect(signed.checkpoint.size == 8)
        #expect(signed.note.verified.map(\.name) == [log.name, "witness.example.com/w1"])
        let cosignature = try #require(signed.note.verified.last)
        #expect(cosignature.keyID == witness.keyID)
        #expect(cosignature.signature.count == 72)
        #expect(CosignatureV1.timestamp(of: cosignature) == Self.time)
        // Signature bytes = big-endian timestamp || Ed25519(message).
        let message = CosignatureV1.message(timestamp: Self.time, text: Array(signed.note.text.utf8))
        #expect(Ed25519.verify(publicKey: witness.publicKey, message: message, signature: Array(cosignature.signature[8...])))
    }

    @Test func witnessUnknownToTheClientIsKeptUnverified() throws {
        let (note, log, witness) = try Self.cosignedNote()
        let opened = try Note.open(note, verifiers: NoteVerifiers([log]))
        #expect(opened.verified.map(\.name) == [log.name])
        #expect(opened.unverified.map(\.name) == [witness.name])
        #expect(opened.note.encoded() == note)
        // The witness alone vouches for the note too (its key is known and valid).
        #expect(try Note.open(note, verifiers: NoteVerifiers([witness])).verified.map(\.name) == [witness.name])
    }

    @Test func cosignerKeyIDUsesTypeFour() throws {
        let witness = try Self.witness()
        let plain = try Ed25519NoteSigner(name: witness.name, seed: witnessSeed)
        #expect(witness.publicKey == plain.publicKey)
        #expect(witness.keyID == NoteKeyID.compute(name: witness.name, type: .cosignatureV1, publicKey: witness.publicKey))
        #expect(witness.keyID != plain.keyID)

        let vkey = witness.verifierKey.encoded
        let parsed = try VerifierKey(parsing: vkey)
        #expect(parsed.type == .cosignatureV1)
        #expect(Base64.decode(String(vkey.split(separator: "+", maxSplits: 2)[2]))?.first == 0x04)
        #expect(try CosignatureVerifier(vkey: vkey) == witness.verifier)
        #expect(NoteTestData.noteError { () throws(NoteError) in try Ed25519NoteVerifier(vkey: vkey) }?.code == .unknownAlgorithm)
        #expect(NoteTestData.noteError { () throws(NoteError) in try CosignatureVerifier(vkey: plain.verifier.vkey) }?.code == .unknownAlgorithm)

        let (note, log, _) = try Self.cosignedNote()
        let opened = try Note.open(note, verifiers: NoteVerifiers(vkeys: [vkey]))
        #expect(opened.verified.map(\.name) == [witness.name])
        #expect(opened.unverified.map(\.name) == [log.name])
    }

    @Test func tamperedCosignatureIsRefused() throws {
        let witness = try Self.witness()
        let verifier = witness.verifier
        let text = Array(try Checkpoint(origin: "o", size: 3, root: RFC9162.emptyRoot).text.utf8)
        let good = try witness.sign(text: text)
        #expect(verifier.verify(text: text, signature: good))

        var otherTime = good
        otherTime[7] ^= 1
        #expect(!verifier.verify(text: text, signature: otherTime))
        #expect(!verifier.verify(text: text, signature: Array(good.dropLast())))
        #expect(!verifier.verify(text: text, signature: Array(good[8...])))
        #expect(!verifier.verify(text: text + Array("x\n".utf8), signature: good))

        // A plain Ed25519 signature over the text is not a cosignature (domain separation).
        let plain = try Ed25519.sign(seed: witnessSeed, message: text)
        #expect(!verifier.verify(text: text, signature: [0, 0, 0, 0, 0, 0, 0, 0] + plain))
    }

    @Test func onlyCheckpointsAreCosigned() throws {
        let witness = try Self.witness()
        #expect(NoteTestData.noteError { () throws(NoteError) in try witness.sign(text: Array("hello\n".utf8)) }?.code == .malformedCheckpoint)
        #expect(NoteTestData.noteError { () throws(NoteError) in try Note.sign(text: "o\n01\nx\n", signers: [witness]) }?.code == .invalidSize)
    }

    @Test func timestampAboveTwoToTheSixtyThreeIsRefused() throws {
        let witness = try Self.witness()
        let text = Array("o\n1\n\(RFC9162.emptyRoot.base64)\n".utf8)
        #expect(NoteTestData.noteError { () throws(NoteError) in try witness.sign(text: text, timestamp: 1 << 63) }?.code == .invalidTimestamp)
        #expect(try witness.sign(text: text, timestamp: CosignatureV1.maxTimestamp).count == 72)

        // A genuine Ed25519 signature over a message stamped 2^63 still does not verify.
        let stamp: UInt64 = 1 << 63
        let sig = try Ed25519.sign(seed: witnessSeed, message: CosignatureV1.message(timestamp: stamp, text: text))
        let stamped: [UInt8] = [0x80, 0, 0, 0, 0, 0, 0, 0] + sig
        #expect(!witness.verifier.verify(text: text, signature: stamped))
    }
}
