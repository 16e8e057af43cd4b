import ServiceLifecycle

/// A second listener (`--zipkin-listen`) run as a service, whose failure to bind names its own flag and address:
/// left to the main port's translation it would be reported as `--listen`.
struct NamedListener: Service {
    let listener: any Service
    let flag: String
    let host: String
    let port: Int

    func run() async throws {
        do {
            try await listener.run()
        } catch {
            throw ListenerError.translating(error, flag: flag, host: host, port: port)
        }
    }
}
