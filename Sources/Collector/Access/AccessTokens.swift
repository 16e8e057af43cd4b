/// The bearer tokens the collector demands. Ingest and queries are separate so a service that sends spans
/// cannot read everyone's traces; one `--auth-token` sets both.
package struct AccessTokens: Sendable {
    /// Required on `POST /v1/traces`, `/v1/logs`, `/v1/metrics` and `/api/logs`; nil means open.
    package var ingest: String?
    /// Required on every `GET /api/…` query; nil means open.
    package var query: String?

    package init(ingest: String? = nil, query: String? = nil) {
        self.ingest = ingest.flatMap { $0.isEmpty ? nil : $0 }
        self.query = query.flatMap { $0.isEmpty ? nil : $0 }
    }

    package var isEnabled: Bool { ingest != nil || query != nil }
}

/// PEM files for HTTPS.
package struct TLSFiles: Sendable {
    package var certificatePath: String
    package var privateKeyPath: String

    package init(certificatePath: String, privateKeyPath: String) {
        self.certificatePath = certificatePath
        self.privateKeyPath = privateKeyPath
    }
}
