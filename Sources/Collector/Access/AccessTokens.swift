/// The bearer tokens the collector demands. Ingest and queries are separate so a service that sends spans
/// cannot read everyone's traces; one `--auth-token` sets both.
public struct AccessTokens: Sendable {
    /// Required on `POST /v1/traces`, `/v1/logs`, `/v1/metrics` and `/api/logs`; nil means open.
    public var ingest: String?
    /// Required on every `GET /api/…` query; nil means open.
    public var query: String?

    public init(ingest: String? = nil, query: String? = nil) {
        self.ingest = ingest.flatMap { $0.isEmpty ? nil : $0 }
        self.query = query.flatMap { $0.isEmpty ? nil : $0 }
    }

    public var isEnabled: Bool { ingest != nil || query != nil }
}

/// PEM files for HTTPS.
public struct TLSFiles: Sendable {
    public var certificatePath: String
    public var privateKeyPath: String

    public init(certificatePath: String, privateKeyPath: String) {
        self.certificatePath = certificatePath
        self.privateKeyPath = privateKeyPath
    }
}
