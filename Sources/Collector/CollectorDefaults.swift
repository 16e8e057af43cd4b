/// What the collector uses when it is not told otherwise, in one place: `CollectorConfiguration`'s initialiser and
/// `tracetop-collector`'s flags (and their help) both read these.
public enum CollectorDefaults {
    public static let host = "127.0.0.1"
    /// OTLP/HTTP's port.
    public static let port = 4318
    /// OTLP/gRPC's port.
    public static let grpcPort = 4317
    public static let databasePath = "./tracetop.db"
    /// OTLP's recommended limit, 64 MiB, measured after decompression.
    public static let maxBodyBytes = 64 << 20
    public static let maxQueuedBytes = 256 << 20
    public static let maxQueuedRequests = 4096
    public static let maxBatchItems = 20_000
    public static let idleTimeoutSeconds = 30
    public static let bodyTimeoutSeconds = 30
    public static let maxConnections = 1024
    /// The executable's size limit; embedding the collector keeps everything unless told (`RetentionPolicy()`).
    public static let maxDatabaseSize = "10GB"
    public static let logLevel = "info"
}
