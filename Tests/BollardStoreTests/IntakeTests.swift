import Foundation
import Testing

@testable import BollardStore

/// Intake and migrations, on every backend.
@Suite struct IntakeTests {
    @Test(arguments: TestBackend.selected)
    func migrationsAreVersionedAndIdempotent(_ backend: TestBackend) async throws {
        try await withStore(backend) { store, db in
            #expect(try await store.schemaVersion() == Schema.latestVersion)
            let before = try await store.dump(.schemaMigrations)
            #expect(before.rows.count == Schema.migrations(.sqlite).count)
            // Several processes starting at once apply nothing twice.
            try await withThrowingTaskGroup(of: Void.self) { group in
                for _ in 0..<4 {
                    group.addTask {
                        let peer = try await db.open()
                        #expect(try await peer.schemaVersion() == Schema.latestVersion)
                        try await peer.close()
                    }
                }
                try await group.waitForAll()
            }
            #expect(try await store.dump(.schemaMigrations) == before)
        }
    }

    /// Migration 7 (PostgreSQL-specific: SQLite keeps a row per key) regroups a custody index
    /// written one row per event key into one row per (dimension, value), keys in order; every
    /// lookup answers as before, and commits after it add rows of their own.
    @Test(arguments: TestBackend.selected.filter { $0 == .postgres })
    func theCustodyIndexIsRegroupedByMigration7(_ backend: TestBackend) async throws {
        try await withStore(backend) { store, db in
            let raw = try #require(store as? any RawSQLExecutable)
            // The version-6 layout, as a store written before this migration holds it.
            try await raw.executeRaw("DROP TABLE custody_index")
            try await raw.executeRaw("""
                CREATE TABLE custody_index (dimension TEXT NOT NULL, value TEXT NOT NULL, event_key TEXT NOT NULL,
                    PRIMARY KEY (dimension, value, event_key))
                """)
            try await raw.executeRaw("""
                INSERT INTO custody_index (dimension, value, event_key) VALUES
                    ('lot', 'LOT-1', '0000000000000010'), ('lot', 'LOT-1', '0000000000000002'), ('lot', 'LOT-2', '0000000000000003'),
                    ('date', '2026-03-02', '0000000000000003'), ('date', '2026-03-02', '0000000000000002'),
                    ('date', '2026-03-02', '0000000000000010'), ('receipt', 'WH1/R-1', 'E-1')
                """)
            try await raw.executeRaw("DELETE FROM schema_migrations WHERE version = 7")
            let reopened = try await db.open()
            #expect(try await reopened.schemaVersion() == Schema.latestVersion)
            #expect(try await reopened.eventKeys(.lot, "LOT-1") == ["0000000000000002", "0000000000000010"])
            #expect(try await reopened.eventKeys(.lot, "LOT-2") == ["0000000000000003"])
            #expect(try await reopened.eventKeys(.date, "2026-03-02") == ["0000000000000002", "0000000000000003", "0000000000000010"])
            #expect(try await reopened.eventKeys(.receipt, "WH1/R-1") == ["E-1"])
            #expect(try await reopened.dump(.custodyIndex).rows.count == 7)
            _ = try await reopened.commit(StateChange(index: [IndexEntry(.lot, "LOT-1", eventKey: "0000000000000011"),
                                                              IndexEntry(.lot, "LOT-1", eventKey: "0000000000000001")]))
            #expect(try await reopened.eventKeys(.lot, "LOT-1")
                == ["0000000000000001", "0000000000000002", "0000000000000010", "0000000000000011"])
            try await reopened.close()
        }
    }

    /// A worker reads a claimed batch's documents in one query: exactly the stored ones, each as
    /// `document(_:)` returns it.
    @Test(arguments: TestBackend.selected)
    func documentsOfABatchInOneRead(_ backend: TestBackend) async throws {
        try await withStore(backend) { store, _ in
            let a = try await store.submit(bytes("receipt A"), metadata: meta(filename: "a.jsonld"))
            let b = try await store.submit(bytes("receipt B"), metadata: meta("gln:8801234000055", filename: nil))
            let unknown = DocumentID(of: bytes("never submitted"))
            let found = try await store.documents([a.documentID, unknown, b.documentID])
            #expect(found.count == 2)
            #expect(found[unknown] == nil)
            #expect(found[a.documentID] == (try await store.document(a.documentID)))
            #expect(found[b.documentID]?.bytes == bytes("receipt B"))
            #expect(found[b.documentID]?.metadata.submitter == "gln:8801234000055")
            #expect(try await store.documents([]).isEmpty)
        }
    }

    @Test(arguments: TestBackend.selected)
    func sameBytesGetTheSameIdAndOneJob(_ backend: TestBackend) async throws {
        try await withStore(backend) { store, _ in
            let doc = bytes("ISA*00*          *00*          *ZZ*BUSANWH01      *ZZ*BOLLARD        *~")
            let first = try await store.submit(doc, metadata: meta())
            // FIPS 180-4 example "abc".
            #expect(DocumentID(of: bytes("abc")).hex == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
            #expect(try await store.submit(bytes("abc"), metadata: meta()).documentID.hex
                == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
            #expect(first.isNew)
            let again = try await store.submit(doc, metadata: meta("another-party", filename: "resent.edi"))
            #expect(again.documentID == first.documentID)
            #expect(again.jobID == first.jobID)
            #expect(!again.isNew)
            #expect(try await store.jobCounts() == [.queued: 2])

            let stored = try #require(try await store.document(first.documentID))
            #expect(stored.bytes == doc)
            #expect(stored.metadata.submitter == meta().submitter)  // the first submission's metadata
            #expect(stored.metadata.filename == "doc.edi")
            #expect(stored.metadata.contentType == "application/edi-x12")
            #expect(stored.metadata.channel == .http)

            let other = try await store.submit(doc + [0x0a], metadata: meta())
            #expect(other.documentID != first.documentID && other.jobID != first.jobID && other.isNew)
            #expect(try await store.document(try #require(DocumentID(hex: String(repeating: "0", count: 64)))) == nil)
        }
    }

    @Test(arguments: TestBackend.selected)
    func idempotencyKeyReusedForOtherBytesIsRefusedAndChangesNothing(_ backend: TestBackend) async throws {
        try await withStore(backend) { store, _ in
            let a = try await store.submit(bytes("receipt A"), metadata: meta(key: "k-1"))
            let retry = try await store.submit(bytes("receipt A"), metadata: meta(key: "k-1"))
            #expect(retry == Submission(documentID: a.documentID, jobID: a.jobID, isNew: false))
            let before = try await store.dumpAll()
            let error = await #expect(throws: StoreError.self) {
                try await store.submit(bytes("receipt B"), metadata: meta(key: "k-1"))
            }
            #expect(error?.code == .idempotencyKeyReused)
            #expect(try await store.dumpAll() == before)
            // The key is per submitter.
            let b = try await store.submit(bytes("receipt B"), metadata: meta("other-submitter", key: "k-1"))
            #expect(b.isNew)
        }
    }

    /// Acknowledged means durable: a new connection (another process) reads what was submitted.
    @Test(arguments: TestBackend.selected)
    func submittedDocumentsSurviveReopening(_ backend: TestBackend) async throws {
        try await withStore(backend) { store, db in
            var ids = [DocumentID]()
            for i in 0..<20 { ids.append(try await store.submit(bytes("doc \(i)"), metadata: meta()).documentID) }
            try await store.close()
            let reopened = try await db.open()
            for (i, id) in ids.enumerated() {
                #expect(try await reopened.document(id)?.bytes == bytes("doc \(i)"))
            }
            #expect(try await reopened.jobCounts() == [.queued: 20])
            try await reopened.close()
        }
    }

    /// Concurrent submissions of the same bytes from several connections: one document, one job.
    @Test(arguments: TestBackend.selected)
    func concurrentDuplicateSubmissionsQueueOneJob(_ backend: TestBackend) async throws {
        try await withStore(backend) { store, db in
            let peers = [store, try await db.open(), try await db.open()]
            let results = try await withThrowingTaskGroup(of: Submission.self) { group in
                for i in 0..<30 {
                    let peer = peers[i % peers.count]
                    group.addTask { try await peer.submit(bytes("the same manifest"), metadata: meta()) }
                }
                return try await group.reduce(into: [Submission]()) { $0.append($1) }
            }
            #expect(Set(results.map(\.jobID)).count == 1)
            #expect(results.filter(\.isNew).count == 1)
            #expect(try await store.jobCounts() == [.queued: 1])
            for p in peers.dropFirst() { try await p.close() }
        }
    }
}

/// Backend-specific by nature: each database reports its own durability settings.
@Suite struct DurabilityTests {
    /// Acknowledged data must survive power loss: SQLite's writer runs WAL with synchronous=FULL
    /// (2), PostgreSQL with fsync and synchronous_commit on.
    @Test(arguments: TestBackend.selected)
    func commitsAreFlushedBeforeTheyReturn(_ backend: TestBackend) async throws {
        try await withStore(backend) { store, _ in
            let raw = try #require(store as? any RawSQLExecutable)
            let settings = try await raw.durabilitySettings()
            switch backend {
            case .sqlite:
                #expect(settings == ["journal_mode": "wal", "synchronous": "2"])
            case .postgres:
                #expect(settings == ["fsync": "on", "synchronous_commit": "on"])
            }
        }
    }
}
