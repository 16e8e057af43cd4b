import TraceModel
import TraceStore

/// Everything the collector can be told at start. Read once at the edge (flags, environment) and passed in.
package struct CollectorConfiguration: Sendable {
    package var host: String
    /// 0 picks a free port (tests).
    package var port: Int
    /// A SQLite file path, or a `postgres://` URL (see `StoreFactory`).
    package var databasePath: String
    /// The PostgreSQL password when the URL has none (`--db-password-file`, `PGPASSWORD`).
    package var databasePassword: String?
    /// Largest request body accepted, measured after decompression (OTLP's recommended 64 MiB).
    package var maxBodyBytes: Int
    /// The ingest queue's bounds: past either, requests get 503 + Retry-After instead of memory growing.
    package var maxQueuedBytes: Int
    package var maxQueuedRequests: Int
    /// How many spans and logs one group commit takes at most.
    package var maxBatchItems: Int
    package var correlationKeys: CorrelationKeys
    /// Seconds a connection may sit idle, or take to send a request's headers, before it is closed.
    package var idleTimeoutSeconds: Int
    /// Open connections at most; past it the one that has waited longest without a request is closed.
    package var maxConnections: Int = CollectorDefaults.maxConnections
    /// Seconds a request body may take to arrive in full (408 and the connection closed after that).
    package var bodyTimeoutSeconds: Int = CollectorDefaults.bodyTimeoutSeconds
    /// Bearer tokens for ingest and queries; nil leaves that side open (the default listens on 127.0.0.1 only).
    package var access: AccessTokens
    /// Certificate and key files: when set, the collector speaks HTTPS only.
    package var tls: TLSFiles?
    /// A second listener serving only Zipkin's `POST /api/v2/spans` (Zipkin's port, 9411); nil: none.
    package var zipkinAddress: (host: String, port: Int)?
    /// How much data is kept: by age and by file size, whichever is reached first.
    package var retention: RetentionPolicy
    /// Attribute keys the tag-search index covers; other keys are found by reading spans (see `AttributeIndex`).
    package var indexedAttributes: [String] = AttributeIndexPolicy.defaultKeys
    /// OTLP/gRPC's address (`--grpc-listen`; the executable's default is 127.0.0.1:4317); a nil port leaves it
    /// off, 0 picks a free port (tests). Off unless set, so embedding the collector opens no second port by surprise.
    package var grpcHost: String = CollectorDefaults.host
    package var grpcPort: Int?
    /// The write-ahead log's size at which the writer checkpoints (see `WriteAheadLog`); nil: 160 MB, or an
    /// eighth of the size limit when that is less.
    package var writeAheadLogBytes: Int?

    /// The log the store is opened with.
    var writeAheadLog: WriteAheadLog {
        writeAheadLogBytes.map { WriteAheadLog(maxBytes: $0) } ?? .within(maxDatabaseBytes: retention.maxDatabaseBytes)
    }

    package init(
        host: String = CollectorDefaults.host, port: Int = CollectorDefaults.port, databasePath: String = CollectorDefaults.databasePath,
        maxBodyBytes: Int = CollectorDefaults.maxBodyBytes, maxQueuedBytes: Int = CollectorDefaults.maxQueuedBytes,
        maxQueuedRequests: Int = CollectorDefaults.maxQueuedRequests, maxBatchItems: Int = CollectorDefaults.maxBatchItems,
        correlationKeys: CorrelationKeys = CorrelationKeys(), idleTimeoutSeconds: Int = CollectorDefaults.idleTimeoutSeconds,
        access: AccessTokens = AccessTokens(), tls: TLSFiles? = nil, retention: RetentionPolicy = RetentionPolicy()
    ) {
        self.host = host
        self.port = port
        self.databasePath = databasePath
        self.maxBodyBytes = maxBodyBytes
        self.maxQueuedBytes = maxQueuedBytes
        self.maxQueuedRequests = maxQueuedRequests
        self.maxBatchItems = maxBatchItems
        self.correlationKeys = correlationKeys
        self.idleTimeoutSeconds = idleTimeoutSeconds
        self.access = access
        self.tls = tls
        self.retention = retention
    }
}
