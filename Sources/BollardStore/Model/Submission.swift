/// How a document arrived. Recorded with the first submission of its bytes.
public struct SubmissionMetadata: Hashable, Sendable {
    /// The submitting party (a `PartyID` string: GLN, LEI, …), as authenticated by the channel.
    public var submitter: String
    public var channel: Channel
    public var filename: String?
    public var contentType: String?
    /// A client-chosen key (per submitter) that makes retries of one submission safe even when
    /// the client cannot tell whether its earlier attempt arrived.
    public var idempotencyKey: String?

    public init(submitter: String, channel: Channel, filename: String? = nil, contentType: String? = nil,
                idempotencyKey: String? = nil) {
        self.submitter = submitter
        self.channel = channel
        self.filename = filename
        self.contentType = contentType
        self.idempotencyKey = idempotencyKey
    }

    public struct Channel: RawRepresentable, Hashable, Sendable {
        public var rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }
        public static let http = Channel(rawValue: "http")
        public static let dropFolder = Channel(rawValue: "drop-folder")
        public static let cli = Channel(rawValue: "cli")
    }
}

/// The answer to a submission: returned only once the bytes and their job are durable.
public struct Submission: Hashable, Sendable {
    public var documentID: DocumentID
    public var jobID: JobID
    /// False when these bytes were already stored: no second job was queued.
    public var isNew: Bool

    public init(documentID: DocumentID, jobID: JobID, isNew: Bool) {
        self.documentID = documentID
        self.jobID = jobID
        self.isNew = isNew
    }
}

/// A stored document: its bytes exactly as received, and how they first arrived.
public struct StoredDocument: Hashable, Sendable {
    public var id: DocumentID
    public var bytes: [UInt8]
    public var metadata: SubmissionMetadata
    /// Milliseconds since the Unix epoch.
    public var receivedAt: Int64

    public init(id: DocumentID, bytes: [UInt8], metadata: SubmissionMetadata, receivedAt: Int64) {
        self.id = id
        self.bytes = bytes
        self.metadata = metadata
        self.receivedAt = receivedAt
    }
}
