import Logging
import PostgresNIO
import Synchronization

/// The store's connection pool, which can be swapped for a fresh one. After an outage longer than a few seconds
/// postgres-nio's pool retries connecting at growing intervals (up to a minute apart), and fails every call at
/// once meanwhile (its circuit breaker): a new pool connects on the first call instead.
final class RenewablePool: Sendable {
    private struct Running {
        var client: PostgresClient
        var run: Task<Void, Never>
        var closed = false

        init(_ configuration: PostgresClient.Configuration, logger: Logger) {
            let client = PostgresClient(configuration: configuration, backgroundLogger: logger)
            self.client = client
            run = Task { await client.run() }
        }
    }

    private let configuration: PostgresClient.Configuration
    private let logger: Logger
    private let running: Mutex<Running>

    init(configuration: PostgresClient.Configuration, logger: Logger) {
        self.configuration = configuration
        self.logger = logger
        running = Mutex(Running(configuration, logger: logger))
    }

    /// The pool calls go through now (once closed, it refuses them).
    var client: PostgresClient { running.withLock { $0.client } }

    /// A new pool for the calls from now on; the old one is shut down (any call still in it fails).
    func renew() {
        let old = running.withLock { running -> Task<Void, Never>? in
            guard !running.closed else { return nil }
            let old = running.run
            running = Running(configuration, logger: logger)
            return old
        }
        old?.cancel()
    }

    func close() {
        running.withLock { running in
            running.closed = true
            running.run.cancel()
        }
    }
}
