import Foundation
import Testing

@testable import BollardLog

/// Hostile and malformed notes and keys: each is refused with the code that names the fault,
/// and none traps.
struct NoteHostileInputTests {
    static let text = "If you think cryptography is the answer to your problem,\nthen you don't know what your problem is.\n"
    static let peterLine = "— PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n"

    static func peter() throws -> NoteVerifiers {
        try NoteVerifiers(vkeys: ["PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW"])
    }

    static func code(_ bytes: [UInt8], limits: NoteLimits = .default) throws -> NoteError.Code? {
        let verifiers = try peter()
        return NoteTestData.noteError { () throws(NoteError) in try Note.open(bytes, verifiers: verifiers, limits: limits) }?.code
    }

    static func code(_ note: String, limits: NoteLimits = .default) throws -> NoteError.Code? {
        try code(Array(note.utf8), limits: limits)
    }

    @Test func theGoodNoteOpens() throws {
        #expect(try Self.code(Self.text + "\n" + Self.peterLine) == nil)
    }

    @Test func structure() throws {
        #expect(try Self.code([]) == .malformedNote)
        #expect(try Self.code("\n") == .malformedNote)
        #expect(try Self.code("\n\n") == .malformedNote)
        #expect(try Self.code(Self.text + "\n" + Self.peterLine.dropLast()) == .malformedNote)
        #expect(try Self.code(Self.text + Self.peterLine) == .malformedNote)
        #expect(try Self.code(Self.text + "\n" + Self.peterLine.replacingOccurrences(of: "—", with: "-")) == .malformedNote)
        #expect(try Self.code(Self.text + "\n" + Self.peterLine.replacingOccurrences(of: "— ", with: "—")) == .malformedNote)
        #expect(try Self.code(Self.text + "\n— PeterNeumann\n") == .malformedNote)
        #expect(try Self.code(Self.text + "\n" + Self.peterLine + "\n") == .malformedNote)
        // A blank line inside the signature block moves the split below it.
        #expect(try Self.code(Self.text + "\n" + Self.peterLine + "\n" + Self.peterLine) == .badSignature)
    }

    @Test func characters() throws {
        let sig = "\n" + Self.peterLine
        #expect(try Self.code("a\tb\n" + sig) == .controlCharacter)
        #expect(try Self.code("a\rb\n" + sig) == .controlCharacter)
        #expect(try Self.code("a\u{0}b\n" + sig) == .controlCharacter)
        let prefix = Array("abc".utf8), suffix = Array("\n".utf8) + Array(sig.utf8)
        for bad: [UInt8] in [[0x80], [0xC0, 0xAF], [0xC1, 0xBF], [0xE0, 0x80, 0xAF], [0xED, 0xA0, 0x80],
                             [0xF4, 0x90, 0x80, 0x80], [0xF5, 0x80, 0x80, 0x80], [0xFE], [0xE2, 0x80], [0xE2, 0x28, 0xA1]] {
            #expect(try Self.code(prefix + bad + suffix) == .invalidUTF8, "\(bad)")
        }
        #expect(try Self.code(Array(Self.text.utf8) + [0xE2, 0x80]) == .invalidUTF8)
        // DEL and non-ASCII text are allowed; only C0 controls other than newline are not.
        let signer = try Ed25519NoteSigner(name: "k", seed: witnessSeed)
        let note = try Note.sign(text: "del \u{7F} ünïcödé ✓ 𝄞\n", signers: [signer])
        #expect(try Note.open(note, verifiers: NoteVerifiers([signer.verifier])).text == "del \u{7F} ünïcödé ✓ 𝄞\n")
    }

    @Test func signatureEncoding() throws {
        let head = Self.text + "\n— PeterNeumann "
        #expect(try Self.code(head + "!!!!\n") == .badBase64)
        #expect(try Self.code(head + "x08go/ZJ\n") == .badSignature)
        #expect(try Self.code(head + "x08go/Z\n") == .badBase64)
        #expect(try Self.code(head + "AAAA\n") == .malformedSignature)
        #expect(try Self.code(head + "\n") == .malformedSignature)
        #expect(try Self.code(head + "x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM= \n") == .badBase64)
        // The last base64 digit carries two unused bits; Go's lenient decoder would accept
        // "AN=" for "AM=" as the same signature. The strict decoder does not.
        #expect(try Self.code(Self.text + "\n" + Self.peterLine.replacingOccurrences(of: "AM=", with: "AN=")) == .badBase64)
        // A signature of the right key but the wrong length is just a bad signature.
        #expect(try Self.code(head + Base64.encode([0xc7, 0x4f, 0x20, 0xa3, 1, 2, 3]) + "\n") == .badSignature)
    }

    @Test func keyNamesInSignatureLines() throws {
        let body = " x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n"
        #expect(try Self.code(Self.text + "\n— Peter\u{A0}Neumann" + body) == .invalidKeyName)
        #expect(try Self.code(Self.text + "\n— Peter+Neumann" + body) == .invalidKeyName)
        #expect(try Self.code(Self.text + "\n— Peter\u{3000}Neumann" + body) == .invalidKeyName)
        #expect(try Self.code(Self.text + "\n— " + body) == .invalidKeyName)
        // Same key ID under another name: an unknown key, ignored, so nothing verifies.
        #expect(try Self.code(Self.text + "\n— PeterNeuman" + body) == .noVerifiableSignature)
    }

    @Test func unknownKeysAreIgnoredButKept() throws {
        // Same name, other key ID: unknown, ignored, kept.
        let otherID = "— PeterNeumann " + Base64.encode([0, 0, 0, 1] + [UInt8](repeating: 9, count: 64)) + "\n"
        let opened = try Note.open(Array((Self.text + "\n" + otherID + Self.peterLine + otherID).utf8), verifiers: Self.peter())
        #expect(opened.verified.map(\.name) == ["PeterNeumann"])
        #expect(opened.unverified.count == 1)
        #expect(opened.unverified.first?.keyID == 1)
    }

    @Test func limits() throws {
        let good = Self.text + "\n" + Self.peterLine
        let tight = NoteLimits(maxBytes: good.utf8.count - 1, maxSignatures: 100)
        #expect(try Self.code(good, limits: tight) == .tooLong)
        #expect(try Self.code(good, limits: NoteLimits(maxBytes: good.utf8.count, maxSignatures: 1)) == nil)
        #expect(try Self.code(good + Self.peterLine, limits: NoteLimits(maxBytes: 1 << 20, maxSignatures: 1)) == .tooManySignatures)
        #expect(try Self.code(good + Self.peterLine) == nil)
        let huge = [UInt8](repeating: UInt8(ascii: "a"), count: NoteLimits.default.maxBytes) + Array(("\n\n" + Self.peterLine).utf8)
        #expect(try Self.code(huge) == .tooLong)
        // The spec's floor: at least 16 signatures must be accepted by default.
        #expect(try Self.code(Self.text + "\n" + String(repeating: Self.peterLine, count: 16)) == nil)
        #expect(try Self.code(Self.text + "\n" + String(repeating: Self.peterLine, count: 100)) == nil)
        #expect(try Self.code(Self.text + "\n" + String(repeating: Self.peterLine, count: 101)) == .tooManySignatures)
    }

    @Test func repeatedSignatureByAKnownKeyIsVerifiedEachTime() throws {
        let bad = "— PeterNeumann " + Base64.encode([0xc7, 0x4f, 0x20, 0xa3] + [UInt8](repeating: 1, count: 64)) + "\n"
        #expect(try Self.code(Self.text + "\n" + Self.peterLine + bad) == .badSignature)
        let opened = try Note.open(Array((Self.text + "\n" + Self.peterLine + Self.peterLine).utf8), verifiers: Self.peter())
        #expect(opened.verified.count == 1)
    }

    @Test func ambiguousConfiguredKeys() throws {
        let v = try Ed25519NoteVerifier(vkey: "PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW")
        let verifiers = NoteVerifiers([v, v])
        let note = Array((Self.text + "\n" + Self.peterLine).utf8)
        #expect(NoteTestData.noteError { () throws(NoteError) in try Note.open(note, verifiers: verifiers) }?.code == .ambiguousKey)
        #expect(NoteTestData.noteError { () throws(NoteError) in try verifiers.verifier(name: v.name, keyID: v.keyID) }?.code == .ambiguousKey)
        #expect(NoteTestData.noteError { () throws(NoteError) in try verifiers.verifier(name: v.name, keyID: v.keyID ^ 1) }?.code == .unknownKey)
        #expect(NoteTestData.noteError { () throws(NoteError) in try NoteVerifiers([v]).verifier(name: v.name, keyID: v.keyID) } == nil)
    }

    @Test func signingRefusesUnsignableText() throws {
        let signer = try Ed25519NoteSigner(name: "k", seed: witnessSeed)
        #expect(NoteTestData.noteError { () throws(NoteError) in try Note.sign(text: "no newline", signers: [signer]) }?.code == .malformedNote)
        #expect(NoteTestData.noteError { () throws(NoteError) in try Note.sign(text: "", signers: [signer]) }?.code == .malformedNote)
        #expect(NoteTestData.noteError { () throws(NoteError) in try Note.sign(text: "tab\there\n", signers: [signer]) }?.code == .controlCharacter)
        #expect(NoteTestData.noteError { () throws(NoteError) in try Note.sign(text: "fine\n", signers: []) }?.code == .malformedNote)
        let badName = NoteSignature(name: "bad name", keyID: 1, signature: [1])
        #expect(NoteTestData.noteError { () throws(NoteError) in try Note(text: "fine\n", signatures: [badName]) }?.code == .invalidKeyName)
    }
}
