/// The shop's one service that exports over OTLP/gRPC when the demo is given a gRPC endpoint: orders, a Java
/// service, whose agent exported over gRPC by default for years. Every other service stays on OTLP/HTTP.
extension IngestClient {
    package static let grpcService = ShopService.orders

    /// Whether `service`'s requests go over gRPC (then they are protobuf, whatever `--protocol` says).
    func exportsOverGRPC(_ service: ShopService) -> Bool { grpc != nil && service == Self.grpcService }

    func wire(for service: ShopService, otherwise wire: WireProtocol) -> WireProtocol {
        exportsOverGRPC(service) ? .protobuf : wire
    }

    /// Runs the gRPC client's connections (when there is one) for the length of `body`.
    func withGRPCConnections<T: Sendable>(_ body: () async throws -> T) async throws -> T {
        guard let grpc else { return try await body() }
        return try await grpc.run(body)
    }
}
