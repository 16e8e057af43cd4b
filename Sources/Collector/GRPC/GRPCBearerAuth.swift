import GRPCCore

/// OTLP/gRPC's side of `--ingest-token`: the lowercase `authorization` metadata `Bearer <token>` (what the
/// OpenTelemetry Collector's bearertokenauth and the SDKs' `headers` send), compared in constant time. Checked
/// before the request message is decoded, as the HTTP middleware refuses before reading the body.
enum GRPCBearerAuth {
    static func check(_ metadata: Metadata, tokens: AccessTokens) throws(RPCError) {
        guard let expected = tokens.ingest else { return }
        let header = metadata[stringValues: "authorization"].first { _ in true }
        guard let given = BearerToken.parse(header), ConstantTime.equal(given, expected) else {
            let message =
                header == nil
                ? "authentication required: send 'authorization: Bearer <token>' metadata (the collector's ingest token)"
                : "the bearer token is not valid for ingest"
            throw RPCError(code: .unauthenticated, message: message)
        }
    }
}
