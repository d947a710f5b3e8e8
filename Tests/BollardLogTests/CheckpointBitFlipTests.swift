import Testing

@testable import BollardLog

/// Property: flipping any single bit of a signed checkpoint note yields a note that does not
/// open. Every byte of the note is covered — text, separator, em dash, key name, key ID,
/// signature, final newline — and the layer that catches each flip is tallied.
struct CheckpointBitFlipTests {
    static func flips(of note: [UInt8]) -> [(position: Int, bit: Int, bytes: [UInt8])] {
        var out = [(Int, Int, [UInt8])]()
        out.reserveCapacity(note.count * 8)
        for i in note.indices {
            for bit in 0..<8 {
                var mutated = note
                mutated[i] ^= UInt8(1 << bit)
                out.append((i, bit, mutated))
            }
        }
        return out
    }

    @Test(arguments: [7, 8] as [UInt64])
    func everySingleBitFlipIsRefused(size: UInt64) throws {
        let vectors = try NoteTestData.derivedCheckpoints()
        let verifiers = try NoteVerifiers(vkeys: [vectors.vkey])
        let note = Array(try #require(vectors.checkpoints.first { $0.treeSize == size }).checkpoint.utf8)
        _ = try Checkpoint.open(note, verifiers: verifiers, origin: vectors.origin)

        var tally = [NoteError.Code: Int]()
        for flip in Self.flips(of: note) {
            if let error = NoteTestData.noteError({ () throws(NoteError) in
                try Checkpoint.open(flip.bytes, verifiers: verifiers, origin: vectors.origin)
            }) {
                tally[error.code, default: 0] += 1
            } else {
                Issue.record("flip of bit \(flip.bit) at byte \(flip.position) still opens")
            }
        }
        #expect(tally.values.reduce(0, +) == note.count * 8)
        // Each defence is exercised: signature check (text, signature bytes), key lookup (name,
        // key ID), character rules (newlines, em dash), strict base64 and the note structure.
        for code: NoteError.Code in [.badSignature, .noVerifiableSignature, .invalidUTF8, .controlCharacter, .badBase64, .malformedNote] {
            #expect(tally[code, default: 0] > 0, "no flip was caught as \(code): \(tally)")
        }
    }

    /// With two signatures, a flip inside one signature line can make that line unknown (its
    /// name or key ID changed) while the other signature still verifies. That note opens — the
    /// spec requires unknown signatures to be ignored — but the damaged signature is no longer
    /// among the verified ones, so a witness policy counting verified signatures sees the loss.
    /// Every other flip, and every flip in the text, is refused outright.
    @Test func flipsOfACosignedCheckpoint() throws {
        let (note, log, witness) = try CosignatureTests.cosignedNote()
        let verifiers = NoteVerifiers([log, witness])
        let original = try Checkpoint.openSigned(note, verifiers: verifiers)
        #expect(original.note.verified.count == 2)
        let signatureBlockStart = original.note.text.utf8.count + 1

        var refused = 0, signatureDropped = 0
        for flip in Self.flips(of: note) {
            switch Result(catching: { () throws(NoteError) in try Checkpoint.openSigned(flip.bytes, verifiers: verifiers) }) {
            case .failure:
                refused += 1
            case .success(let opened):
                #expect(flip.position >= signatureBlockStart, "flip at byte \(flip.position) in the text opened")
                #expect(opened.checkpoint == original.checkpoint)
                #expect(opened.note.verified.count == 1)
                #expect(opened.note.unverified.count == 1)
                #expect(Set(opened.note.verified.map(\.name)).isSubset(of: [log.name, witness.name]))
                signatureDropped += 1
            }
        }
        #expect(signatureDropped > 0)
        #expect(refused > signatureDropped)
    }
}

/// Truncations and random edits of a signed checkpoint: none traps, none opens with a changed
/// text. A seeded generator keeps failures reproducible.
struct CheckpointMutationTests {
    /// SplitMix64: small, seedable, good enough to pick positions and bytes.
    struct SplitMix64: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    @Test func everyTruncationIsRefused() throws {
        let vectors = try NoteTestData.derivedCheckpoints()
        let verifiers = try NoteVerifiers(vkeys: [vectors.vkey])
        let note = Array(try #require(vectors.checkpoints.last).checkpoint.utf8)
        for length in 0..<note.count {
            let prefix = Array(note[..<length])
            #expect(NoteTestData.noteError { () throws(NoteError) in try Checkpoint.open(prefix, verifiers: verifiers) } != nil,
                    "prefix of \(length) bytes opened")
        }
    }

    @Test func randomEditsNeverOpenWithAnotherText() throws {
        let vectors = try NoteTestData.derivedCheckpoints()
        let verifiers = try NoteVerifiers(vkeys: [vectors.vkey])
        let note = Array(try #require(vectors.checkpoints.last).checkpoint.utf8)
        let original = try Checkpoint.open(note, verifiers: verifiers)
        var rng = SplitMix64(state: 0xB011A4D)
        var refused = 0
        for _ in 0..<5_000 {
            var mutated = note
            for _ in 0..<Int.random(in: 1...4, using: &rng) {
                let position = Int.random(in: 0..<max(mutated.count, 1), using: &rng)
                switch Int.random(in: 0..<3, using: &rng) {
                case 0 where !mutated.isEmpty: mutated[position] = UInt8.random(in: 0...255, using: &rng)
                case 1: mutated.insert(UInt8.random(in: 0...255, using: &rng), at: min(position, mutated.count))
                default: if !mutated.isEmpty { mutated.remove(at: position) }
                }
            }
            switch Result(catching: { () throws(NoteError) in try Checkpoint.open(mutated, verifiers: verifiers) }) {
            case .failure: refused += 1
            case .success(let opened): #expect(opened == original, "an edited note opened as \(opened)")
            }
        }
        #expect(refused > 4_900)
    }
}
