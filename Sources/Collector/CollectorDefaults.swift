/// What the collector uses when it is not told otherwise, in one place: `CollectorConfiguration`'s initialiser and
/// `tracetop-collector`'s flags (and their help) both read these.
package enum CollectorDefaults {
    package static let host = "127.0.0.1"
    /// OTLP/HTTP's port.
    package static let port = 4318
    /// OTLP/gRPC's port.
    package static let grpcPort = 4317
    package static let databasePath = "./tracetop.db"
    /// OTLP's recommended limit, 64 MiB, measured after decompression.
    package static let maxBodyBytes = 64 << 20
    package static let maxQueuedBytes = 256 << 20
    package static let maxQueuedRequests = 4096
    package static let maxBatchItems = 20_000
    package static let idleTimeoutSeconds = 30
    package static let bodyTimeoutSeconds = 30
    package static let maxConnections = 1024
    /// The executable's size limit; embedding the collector keeps everything unless told (`RetentionPolicy()`).
    package static let maxDatabaseSize = "10GB"
    package static let logLevel = "info"
}
