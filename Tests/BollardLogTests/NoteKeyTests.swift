import Testing

@testable import BollardLog

/// Key names, key IDs, vkey/skey encodings and key generation (C2SP signed-note §Verifier keys,
/// Go sumdb/note skeys).
struct NoteKeyTests {
    @Test func keyNameRules() {
        for good in ["a", "example.com/log42", "PeterNeumann", "oid/1.3.6.1", "ünïcödé", "a=b/c_d-e"] {
            #expect(NoteKeyName.isValid(good), "\(good)")
        }
        for bad in ["", " ", "a b", "a+b", "+", "a\tb", "a\nb", "a\u{1}b", "a\u{85}b", "a\u{A0}b", "a\u{1680}b",
                    "a\u{2003}b", "a\u{2028}b", "a\u{202F}b", "a\u{205F}b", "a\u{3000}b", "trailing "] {
            #expect(!NoteKeyName.isValid(bad), "\(bad.unicodeScalars.map { $0.value })")
        }
    }

    @Test func keyIDHex() {
        #expect(NoteKeyID.hex(0x0000_abcd) == "0000abcd")
        #expect(NoteKeyID.hex(0xffff_ffff) == "ffffffff")
        #expect(NoteKeyID.parseHex("0000abcd") == 0xabcd)
        for bad in ["", "abcd", "0000ABCD", "0000abcdx", "+000abcd", "0x00abcd", "0000abc "] {
            #expect(NoteKeyID.parseHex(bad) == nil, "\(bad)")
        }
    }

    @Test func generatedKeysRoundTrip() throws {
        let key = try SignerKey.generate(name: "bollard.example/busan-bonded-1")
        let again = try SignerKey(parsing: key.encoded)
        #expect(again == key)
        let vkey = key.verifierKey.encoded
        #expect(vkey.hasPrefix("bollard.example/busan-bonded-1+\(NoteKeyID.hex(key.keyID))+"))
        #expect(try VerifierKey(parsing: vkey) == key.verifierKey)
        let note = try Note.sign(text: "hello\n", signers: [try Ed25519NoteSigner(skey: key.encoded)])
        #expect(try Note.open(note, verifiers: NoteVerifiers(vkeys: [vkey])).text == "hello\n")
        #expect(try SignerKey.generate(name: "x").seed != SignerKey.generate(name: "x").seed)
        #expect(NoteTestData.noteError { () throws(NoteError) in try SignerKey.generate(name: "bad name") }?.code == .invalidKeyName)

        let pair = try SignerKey.generateEncoded(name: "example.com/w")
        let signer = try Ed25519NoteSigner(skey: pair.skey)
        #expect(signer.verifier.vkey == pair.vkey)
        #expect(pair.skey.hasPrefix("PRIVATE+KEY+example.com/w+\(NoteKeyID.hex(signer.keyID))+"))
        let material = Base64.decode(String(pair.skey.split(separator: "+", maxSplits: 4)[4]))
        #expect(material?.count == 33 && material?.first == 0x01)
    }

    @Test func verifierKeyFaults() throws {
        let good = "PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW"
        func code(_ vkey: String) -> NoteError.Code? {
            NoteTestData.noteError { () throws(NoteError) in try VerifierKey(parsing: vkey) }?.code
        }
        #expect(code(good) == nil)
        #expect(code("PeterNeumann+c74f20a4+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW") == .wrongKeyHash)
        #expect(code("PeterNeumann+C74F20A3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW") == .malformedKey)
        #expect(code("PeterNeumann+c74f20a3") == .malformedKey)
        #expect(code("PeterNeumann") == .malformedKey)
        #expect(code("") == .malformedKey)
        #expect(code("+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW") == .invalidKeyName)
        #expect(code("Peter Neumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW") == .invalidKeyName)
        #expect(code("PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10T") == .badBase64)
        #expect(code("PeterNeumann+c74f20a3+") == .malformedKey)
        #expect(code("PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW+") == .badBase64)
        // A well-formed vkey for 32 bytes under an unassigned type byte.
        let key = [UInt8](repeating: 5, count: 32)
        let id = NoteKeyID.compute(name: "k", typeAndKey: [0x02] + key)
        #expect(code("k+\(NoteKeyID.hex(id))+\(Base64.encode([0x02] + key))") == .unknownAlgorithm)
        #expect(NoteTestData.noteError { () throws(NoteError) in try VerifierKey(name: "k", type: .ed25519, publicKey: [1, 2]) }?.code == .malformedKey)
    }

    @Test func signerKeyFaults() throws {
        let good = "PRIVATE+KEY+PeterNeumann+c74f20a3+AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz"
        func code(_ skey: String) -> NoteError.Code? {
            NoteTestData.noteError { () throws(NoteError) in try SignerKey(parsing: skey) }?.code
        }
        #expect(code(good) == nil)
        #expect(code("PRIVATE+KEY+PeterNeumann+c74f20a4+AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz") == .wrongKeyHash)
        #expect(code("PRIVATE+KEY+EnochRoot+c74f20a3+AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz") == .wrongKeyHash)
        #expect(code("PUBLIC+KEY+PeterNeumann+c74f20a3+AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz") == .malformedKey)
        #expect(code("PRIVATE+KEY+PeterNeumann+c74f20a3") == .malformedKey)
        #expect(code("PRIVATE+KEY+PeterNeumann+c74f20a3+AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDF") == .badBase64)
        #expect(code("PRIVATE+KEY+PeterNeumann+c74f20a3+BIEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz") == .unknownAlgorithm)
        #expect(code("PRIVATE+KEY+PeterNeumann+c74f20a3+AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXH") == .malformedKey)
        #expect(code("PRIVATE+KEY+PeterNeumann+c74f20a3+") == .malformedKey)
    }
}
