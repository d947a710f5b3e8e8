import Testing

@testable import BollardLog

/// Every vector of ../shared/conformance/merkle/c2sp/signed-note-vectors.json (golang.org/x/mod
/// sumdb/note tests and the C2SP signed-note example), reproduced byte for byte.
struct NoteVectorTests {
    @Test func keyIDsAndVerifierKeys() throws {
        let vectors = try NoteTestData.signedNoteVectors()
        #expect(vectors.keys.count == 3)
        for (name, key) in vectors.keys {
            let parsed = try VerifierKey(parsing: key.vkey)
            #expect(parsed.name == name)
            #expect(parsed.type == .ed25519)
            #expect(NoteKeyID.hex(parsed.keyID) == key.keyIdHex)
            #expect(NoteTestData.hex(parsed.publicKey) == key.publicKeyHex)
            #expect(parsed.encoded == key.vkey)

            let publicKey = try NoteTestData.hexBytes(key.publicKeyHex)
            #expect(NoteKeyID.hex(NoteKeyID.compute(name: name, type: .ed25519, publicKey: publicKey)) == key.keyIdHex)
            #expect(try VerifierKey(name: name, type: .ed25519, publicKey: publicKey).encoded == key.vkey)
            #expect(try Ed25519NoteVerifier(vkey: key.vkey).vkey == key.vkey)
        }
    }

    @Test func signerKeyDerivesTheVerifierKey() throws {
        let vectors = try NoteTestData.signedNoteVectors()
        let peter = try #require(vectors.keys["PeterNeumann"])
        let skey = try SignerKey(parsing: try #require(peter.skey))
        #expect(NoteTestData.hex(skey.seed) == peter.ed25519SeedHex)
        #expect(NoteTestData.hex(skey.publicKey) == peter.publicKeyHex)
        #expect(NoteKeyID.hex(skey.keyID) == peter.keyIdHex)
        #expect(skey.encoded == peter.skey)
        #expect(skey.verifierKey.encoded == peter.vkey)
        #expect(try SignerKey(name: "PeterNeumann", seed: NoteTestData.hexBytes(try #require(peter.ed25519SeedHex))) == skey)
        #expect(!skey.description.contains(Base64.encode(skey.seed)))
    }

    @Test func signingKnownAnswer() throws {
        let vectors = try NoteTestData.signedNoteVectors()
        #expect(!vectors.signKAT.isEmpty)
        for kat in vectors.signKAT {
            let signer = try Ed25519NoteSigner(skey: kat.skey)
            let note = try Note.sign(text: kat.text, signers: [signer])
            #expect(note == Array(kat.want.utf8), "\(kat.desc)")
        }
    }

    @Test func verifyGood() throws {
        let vectors = try NoteTestData.signedNoteVectors()
        #expect(vectors.verifyGood.count == 4)
        for c in vectors.verifyGood {
            let bytes = try c.noteBytes()
            let opened = try Note.open(bytes, verifiers: NoteVerifiers(vkeys: c.vkeys))
            #expect(opened.verified.map(\.name) == c.wantVerifiedNames, "\(c.desc)")
            #expect(opened.unverified.map(\.name) == (c.wantUnverifiedNames ?? []), "\(c.desc)")
            #expect(bytes.starts(with: Array(opened.text.utf8)) && opened.text.hasSuffix("\n"), "\(c.desc)")
            #expect(opened.note.encoded() == bytes, "\(c.desc): re-encoding changes the note")
        }
    }

    /// The specific code behind each of Go's "malformed note" verdicts.
    static let malformedCodes: [String: NoteError.Code] = [
        "text only, no blank line / signatures": .malformedNote,
        "text + blank line, no signatures": .malformedNote,
        "signature line missing final newline": .malformedNote,
        "leading control byte 0x01": .controlCharacter,
        "leading byte 0xff (invalid UTF-8); given as hex": .invalidUTF8,
        "key name containing a space": .malformedNote,
        "unexpected trailing non-signature line": .malformedNote,
        ">100 signature lines (101 copies of the same signature)": .tooManySignatures,
    ]

    @Test func verifyBad() throws {
        let vectors = try NoteTestData.signedNoteVectors()
        #expect(vectors.verifyBad.count == 10)
        for c in vectors.verifyBad {
            let bytes = try c.noteBytes()
            let verifiers = try NoteVerifiers(vkeys: c.vkeys)
            let error = try #require(NoteTestData.noteError { () throws(NoteError) in try Note.open(bytes, verifiers: verifiers) },
                                     "\(c.desc) was accepted")
            if c.wantErr == "malformed note" {
                #expect(error.isMalformedNote, "\(c.desc): \(error)")
                #expect(error.code == Self.malformedCodes[c.desc], "\(c.desc): \(error)")
            } else {
                #expect(c.wantErr == nil)
                #expect(error.code == (c.vkeys.isEmpty ? .noVerifiableSignature : .badSignature), "\(c.desc): \(error)")
            }
        }
    }

    @Test func badVerifierKeys() throws {
        let vectors = try NoteTestData.signedNoteVectors()
        let expected: [String: NoteError.Code] = [
            // "…10TWBADKEY==": the final "EY==" leaves non-zero padding bits, which Go's
            // decoder ignores (then refusing the 38-byte key as malformed); the strict decoder
            // refuses the encoding itself.
            "wrong key length with adjusted key hash": .badBase64,
            "unknown algorithm byte with adjusted key hash": .unknownAlgorithm,
        ]
        var checked = 0
        for bad in vectors.badVkeys {
            guard let vkey = bad.vkey else { continue }
            let error = try #require(NoteTestData.noteError { () throws(NoteError) in try VerifierKey(parsing: vkey) })
            #expect(error.code == expected[bad.desc], "\(bad.desc): \(error)")
            checked += 1
        }
        #expect(checked == 2)
    }

    /// golang/mod's TestNewVerifier: every proper substring of a good vkey and every single
    /// byte +1 mutation is refused.
    @Test func everySubstringAndMutationOfAVkeyIsRefused() throws {
        let vectors = try NoteTestData.signedNoteVectors()
        let good = Array(try #require(vectors.keys["PeterNeumann"]).vkey.utf8)
        for start in 0..<good.count {
            for end in start...good.count where end - start < good.count {
                let candidate = String(decoding: good[start..<end], as: UTF8.self)
                #expect(NoteTestData.noteError { () throws(NoteError) in try VerifierKey(parsing: candidate) } != nil, "\(candidate)")
            }
        }
        for i in 0..<good.count {
            var mutated = good
            mutated[i] &+= 1
            let candidate = String(decoding: mutated, as: UTF8.self)
            #expect(NoteTestData.noteError { () throws(NoteError) in try VerifierKey(parsing: candidate) } != nil, "\(candidate)")
        }
    }

    /// Notes re-signed the Go way: a signer that already signed replaces its old signature, and
    /// others' signatures (even unverifiable ones) are kept in front.
    @Test func reSigningKeepsOtherSignatures() throws {
        let vectors = try NoteTestData.signedNoteVectors()
        let twoSigned = try #require(vectors.verifyGood.first { $0.wantUnverifiedNames == ["EnochRoot"] })
        let peter = try Ed25519NoteSigner(skey: try #require(vectors.keys["PeterNeumann"]?.skey))
        let opened = try Note.open(try twoSigned.noteBytes(), verifiers: NoteVerifiers([peter.verifier]))
        let resigned = try opened.note.signed(by: [peter])
        #expect(resigned.signatures.map(\.name) == ["EnochRoot", "PeterNeumann"])
        let both = try NoteVerifiers(vkeys: try #require(vectors.verifyGood.first { $0.vkeys.count == 2 }).vkeys)
        let reopened = try Note.open(resigned.encoded(), verifiers: both)
        #expect(reopened.verified.map(\.name) == ["EnochRoot", "PeterNeumann"])
        #expect(reopened.text == opened.text)
    }

    /// The C2SP specs' examples whose keys are not published: they parse, and the checkpoint
    /// and cosignature fields read back as the specs state.
    @Test func specExamplesParse() throws {
        let examples = try NoteTestData.signedNoteVectors().specExamplesUnverifiable
        let checkpointNote = try Note.parse(Array(try #require(examples["tlog-checkpoint.md"]).utf8))
        let checkpoint = try Checkpoint(text: checkpointNote.text)
        #expect(checkpoint.origin == "example.com/behind-the-sofa")
        #expect(checkpoint.size == 20_852_163)
        #expect(checkpoint.root.base64 == "CsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=")
        #expect(checkpoint.text == checkpointNote.text)
        #expect(checkpointNote.signatures.map(\.name) == ["example.com/behind-the-sofa"])

        let cosigned = try Note.parse(Array(try #require(examples["tlog-cosignature.md"]).utf8))
        #expect(cosigned.text == checkpointNote.text)
        let witness = try #require(cosigned.signatures.first { $0.name == "witness.example.com/w1" })
        // tlog-cosignature.md's message example reads "time 1679315147".
        #expect(CosignatureV1.timestamp(of: witness) == 1_679_315_147)
        #expect(CosignatureV1.timestamp(of: checkpointNote.signatures[0]) == nil)
        // Nothing can verify them: no trusted key.
        let cosignedBytes = Array(try #require(examples["tlog-cosignature.md"]).utf8)
        let error = NoteTestData.noteError { () throws(NoteError) in try Note.open(cosignedBytes, verifiers: NoteVerifiers()) }
        #expect(error?.code == .noVerifiableSignature)
    }
}
