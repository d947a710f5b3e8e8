import BollardTestSupport
import Foundation

@testable import BollardLog

/// Loaders for ../shared/conformance/merkle/c2sp/*.json, read in place at run time.
enum NoteTestData {
    struct SignedNoteVectors: Decodable {
        struct Key: Decodable {
            let vkey: String
            let skey: String?
            let ed25519SeedHex: String?
            let publicKeyHex: String
            let keyIdHex: String
        }

        struct SignKAT: Decodable {
            let desc: String
            let skey: String
            let text: String
            let want: String
        }

        struct VerifyCase: Decodable {
            let desc: String
            let vkeys: [String]
            let note: String?
            let noteHex: String?
            let wantVerifiedNames: [String]?
            let wantUnverifiedNames: [String]?
            let wantErr: String?

            func noteBytes() throws -> [UInt8] {
                if let note { return Array(note.utf8) }
                guard let noteHex else { throw BadHex() }
                return try hexBytes(noteHex)
            }
        }

        struct BadVkey: Decodable {
            let desc: String
            let vkey: String?
        }

        let keys: [String: Key]
        let signKAT: [SignKAT]
        let verifyGood: [VerifyCase]
        let verifyBad: [VerifyCase]
        let badVkeys: [BadVkey]
        let specExamplesUnverifiable: [String: String]
    }

    struct DerivedCheckpoints: Decodable {
        struct Case: Decodable {
            let treeSize: UInt64
            let rootHex: String
            let checkpoint: String
        }

        let origin: String
        let ed25519SeedHex: String
        let vkey: String
        let keyIdHex: String
        let checkpoints: [Case]
    }

    static func signedNoteVectors() throws -> SignedNoteVectors {
        let url = try SharedData.conformance("merkle/c2sp/signed-note-vectors.json")
        return try JSONDecoder().decode(SignedNoteVectors.self, from: Data(contentsOf: url))
    }

    static func derivedCheckpoints() throws -> DerivedCheckpoints {
        let url = try SharedData.conformance("merkle/c2sp/derived-checkpoint-vectors.json")
        return try JSONDecoder().decode(DerivedCheckpoints.self, from: Data(contentsOf: url))
    }

    struct BadHex: Error {}

    static func hexBytes(_ hex: String) throws -> [UInt8] {
        let digits = Array(hex.utf8)
        guard digits.count % 2 == 0 else { throw BadHex() }
        var out = [UInt8]()
        var i = 0
        while i < digits.count {
            guard let byte = UInt8(String(decoding: digits[i..<(i + 2)], as: UTF8.self), radix: 16) else { throw BadHex() }
            out.append(byte)
            i += 2
        }
        return out
    }

    static func hex(_ bytes: [UInt8]) -> String {
        bytes.map { String(format: "%02x", $0) }.joined()
    }

    /// Runs `body` and returns the NoteError it threw, or nil when it succeeded.
    static func noteError<T>(_ body: () throws(NoteError) -> T) -> NoteError? {
        do {
            _ = try body()
            return nil
        } catch {
            return error
        }
    }
}

/// A fixed witness key for the cosignature tests (any 32 bytes are an Ed25519 seed).
let witnessSeed: [UInt8] = (0..<32).map { UInt8($0 * 7 + 3) }
