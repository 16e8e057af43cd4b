import Foundation
import Logging
import NIOCore
import NIOSSL
import PostgresNIO
import Synchronization
import TraceStore

/// The PostgreSQL backend: several collectors share one database, each through one long-lived connection pool
/// (`PostgresClient`). Any collector answers every query with everything any of them stored.
///
/// The pool runs for the store's lifetime (`close()` ends it). The schema is created or migrated on first use
/// (`open()`, which the collector calls at start to fail early with a clear line); every other method waits
/// for it.
package final class PostgresTraceStore: TraceStore {
    package let location: PostgresLocation
    /// The connection pool, renewed after an outage (see `ServerReachability`).
    let pool: RenewablePool
    var client: PostgresClient { pool.client }
    /// Whether the server answers: calls fail at once while it does not (see the type).
    let reachability: ServerReachability
    let logger: Logger
    /// Ids of interned names and bodies, and what readers decoded (see `InternedIDs`).
    let interned = InternedIDs()
    let catalog = ReadCatalog()
    let tagIndex: PostgresTagIndex
    let serviceIDs = ServiceIDs()
    /// Creates the coming days' partitions every hour, so a collector running for weeks never writes into the
    /// DEFAULT partition for want of one.
    private let maintenance = Mutex<Task<Void, Never>?>(nil)
    /// Folds the latency bucket rows into histogram rows every few seconds (`LatencyFold`).
    private let folding = Mutex<Task<Void, Never>?>(nil)
    /// Analyzes tables PostgreSQL has no statistics for yet (`FirstStatistics`).
    private let statistics = Mutex<Task<Void, Never>?>(nil)
    private let opening = Mutex<Task<Void, any Error>?>(nil)

    /// `maxConnections`: the pool's bound; a collector needs one for its writer and a few for queries.
    /// `indexedAttributes`: the keys of the tag index (`PostgresTagIndex`), as the SQLite store's.
    /// `foldsInBackground`: whether this store folds latency rows every `LatencyFold.interval`; off only where the
    /// caller must see pending rows stay pending (a test of the fold's migrations), since the fold is what keeps
    /// queries fast.
    package init(
        location: PostgresLocation, maxConnections: Int = 8, indexedAttributes: [String] = AttributeIndexPolicy.defaultKeys,
        foldsInBackground: Bool = true, logger: Logger = Logger(label: "tracetop-postgres")
    ) throws {
        self.location = location
        tagIndex = PostgresTagIndex(keys: indexedAttributes)
        self.logger = logger
        var configuration = PostgresClient.Configuration(
            host: location.host, port: location.port, username: location.user, password: location.password,
            database: location.database, tls: try Self.tls(location.sslMode))
        configuration.options.maximumConnections = maxConnections
        configuration.options.connectTimeout = .seconds(10)
        // Acknowledged means committed to disk, whatever the server's default (see SPEC.md). No JIT and no parallel
        // workers: every statement is a short lookup, and where a partition has no statistics yet (a new day's,
        // until autovacuum analyzes it a minute or more later) the planner expects a hundred thousand rows and
        // compiled and forked for them; a trace read took 40–200 ms instead of 0.4 ms (docs/POSTGRES.md).
        configuration.options.additionalStartupParameters = [
            ("synchronous_commit", "on"), ("application_name", "tracetop-collector"), ("jit", "off"),
            ("max_parallel_workers_per_gather", "0")
        ]
        let pool = RenewablePool(configuration: configuration, logger: logger)
        self.pool = pool
        let probeConfiguration = try Self.connectionConfiguration(location, connectTimeout: Self.probeTimeout)
        reachability = ServerReachability(
            serverName: "\(location.host):\(location.port)", logger: logger,
            probe: { try await Self.probe(probeConfiguration, logger: logger) }, onBack: { pool.renew() })
        let task = Task { [weak self] in
            while !Task.isCancelled {
                try? await Task.sleep(for: .seconds(3600))
                guard !Task.isCancelled, let self else { return }
                do {
                    try await open()
                    try await self.client.withConnection { try await PostgresPartitions.createAhead($0, logger: self.logger) }
                } catch {
                    logger.warning(
                        "partitions were not created ahead; trying again in an hour",
                        metadata: ["reason": "\(PostgresFailure.reason(error))"])
                }
            }
        }
        maintenance.withLock { $0 = task }
        statistics.withLock { $0 = repeating(every: FirstStatistics.interval) { try await FirstStatistics.gather($0, logger: $1) } }
        guard foldsInBackground else { return }
        // A failed fold leaves the bucket rows where they are (queries add them up).
        folding.withLock { $0 = repeating(every: LatencyFold.interval) { _ = try await LatencyFold.fold($0, logger: $1) } }
    }

    /// Runs `round` on a pooled connection every `interval` while the store lives; a failed round (the server
    /// away) is tried again next time.
    private func repeating(
        every interval: Duration, _ round: @escaping @Sendable (PostgresConnection, Logger) async throws -> Void
    ) -> Task<Void, Never> {
        Task { [weak self] in
            while !Task.isCancelled {
                try? await Task.sleep(for: interval)
                guard !Task.isCancelled, let self else { return }
                try? await open()
                _ = try? await withinTimeout { [client, logger] in
                    try await client.withConnection { try await round($0, logger) }
                }
            }
        }
    }

    deinit { close() }

    /// Ends the connection pool; the store cannot be used after.
    package func close() {
        maintenance.withLock { $0?.cancel() }
        folding.withLock { $0?.cancel() }
        statistics.withLock { $0?.cancel() }
        tagIndex.close()
        pool.close()
    }

    /// Connects, creates or migrates the schema and creates the partitions ahead, once. Throws a `StoreError`
    /// naming the server and the reason when it cannot connect or log in.
    package func open() async throws {
        let task = opening.withLock { current in
            if let current { return current }
            let task = Task { try await self.migrate() }
            current = task
            return task
        }
        do {
            try await task.value
        } catch {
            // The next call tries again (the server may be back).
            opening.withLock { if $0 == task { $0 = nil } }
            throw error
        }
    }

    /// On a connection of its own rather than the pool's, so an unreachable server or a refused login fails
    /// here with its reason instead of leaving a request waiting for a pooled connection.
    private func migrate() async throws {
        let connection: PostgresConnection
        do {
            connection = try await PostgresConnection.connect(
                configuration: Self.connectionConfiguration(location, connectTimeout: .seconds(10)), id: 0, logger: logger)
        } catch {
            throw PostgresFailure.connecting(location, error)
        }
        defer { Task { try? await connection.close() } }
        do {
            try await PostgresSchema.migrate(connection, logger: logger)
            try await PostgresPartitions.createAhead(connection, logger: logger)
            try await tagIndex.synchronize(connection, logger: logger)
            tagIndex.startRefreshing(self)
        } catch let error as PostgresSchemaError {
            throw StoreError("PostgreSQL at \(location.displayName): \(error.description)")
        } catch {
            throw StoreError("cannot prepare the PostgreSQL schema at \(location.displayName): \(PostgresFailure.reason(error))")
        }
    }

    private static func connectionConfiguration(_ location: PostgresLocation, connectTimeout: TimeAmount) throws
        -> PostgresConnection.Configuration
    {
        var configuration = PostgresConnection.Configuration(
            host: location.host, port: location.port, username: location.user, password: location.password,
            database: location.database, tls: try connectionTLS(location.sslMode))
        configuration.options.connectTimeout = connectTimeout
        return configuration
    }

    private static func tls(_ mode: PostgresLocation.SSLMode) throws -> PostgresClient.Configuration.TLS {
        switch mode {
        case .disable: return .disable
        case .prefer: return .prefer(unverified)
        case .require: return .require(unverified)
        case .verifyFull: return .require(.makeClientConfiguration())
        }
    }

    private static func connectionTLS(_ mode: PostgresLocation.SSLMode) throws -> PostgresConnection.Configuration.TLS {
        switch mode {
        case .disable: return .disable
        case .prefer: return .prefer(try NIOSSLContext(configuration: unverified))
        case .require: return .require(try NIOSSLContext(configuration: unverified))
        case .verifyFull: return .require(try NIOSSLContext(configuration: .makeClientConfiguration()))
        }
    }

    /// libpq's `prefer` and `require` encrypt without checking the certificate; `verify-full` checks it.
    private static var unverified: TLSConfiguration {
        var configuration = TLSConfiguration.makeClientConfiguration()
        configuration.certificateVerification = .none
        return configuration
    }

    // MARK: - Reachability

    /// Why the server cannot be reached now (for `/readyz`); nil while it can, as far as the store knows.
    package var unreachableReason: String? { reachability.unreachableReason }

    /// How long a probe may take to connect, and then to answer: a server that needs longer is as good as gone
    /// for a request waiting on it.
    static let probeTimeout: TimeAmount = .seconds(5)

    /// Connects on a connection of its own and asks `SELECT 1`; throws the reason in one line when it cannot.
    private static func probe(_ configuration: PostgresConnection.Configuration, logger: Logger) async throws {
        let connection: PostgresConnection
        do {
            connection = try await PostgresConnection.connect(configuration: configuration, id: 0, logger: logger)
        } catch {
            throw StoreError(PostgresFailure.reason(error))
        }
        defer { Task { try? await connection.close() } }
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask {
                do { _ = try await connection.query("SELECT 1", logger: logger) } catch { throw StoreError(PostgresFailure.reason(error)) }
            }
            group.addTask {
                try await Task.sleep(for: .nanoseconds(probeTimeout.nanoseconds))
                throw StoreError("connected, but no answer to SELECT 1 within \(probeTimeout.nanoseconds / 1_000_000_000) s")
            }
            defer { group.cancelAll() }
            try await group.next()
        }
    }

    // MARK: - Running statements

    /// How long one statement, or one commit, may take, waiting for a pooled connection included. While the
    /// server is down the pool waits for it to come back; the caller gets an error after this instead (the HTTP
    /// layer answers 503 + Retry-After), never a request that hangs. Re-sending after a commit that timed out is
    /// safe for spans: a re-sent span is not stored or counted twice. Long enough for a commit that waits behind
    /// others for a pooled connection on a busy machine (10 s was not, in the test suite).
    /// While the server is down, calls fail much sooner than this: see `ServerReachability`.
    static let answerTimeout: Duration = .seconds(30)

    /// `operation`, failing at once while the server is known to be unreachable, and with an error naming the
    /// server once `answerTimeout` has passed (see `ServerReachability.run`).
    func withinTimeout<T: Sendable>(_ operation: @escaping @Sendable () async throws -> T) async throws -> T {
        try await reachability.run(timeout: Self.answerTimeout, operation)
    }

    /// Every row of a query, after the schema is ready.
    func rows(_ query: PostgresQuery) async throws -> [PostgresRow] {
        try await open()
        return try await withinTimeout { [client, logger] in
            var rows: [PostgresRow] = []
            for try await row in try await client.query(query, logger: logger) { rows.append(row) }
            return rows
        }
    }

    /// One transaction on one pooled connection, run again (up to three times) when PostgreSQL aborted it for a
    /// deadlock or a serialization failure between collectors: nothing of an aborted transaction was committed.
    func transaction<Result: Sendable>(
        begin: PostgresQuery = "BEGIN", _ body: @escaping @Sendable (PostgresConnection) async throws -> Result
    ) async throws -> Result {
        try await open()
        var attempt = 1
        while true {
            do {
                return try await withinTimeout { [client, logger] in
                    try await client.withConnection { connection in
                        try await connection.query(begin, logger: logger)
                        do {
                            let result = try await body(connection)
                            try await connection.query("COMMIT", logger: logger)
                            return result
                        } catch {
                            _ = try? await connection.query("ROLLBACK", logger: logger)
                            throw error
                        }
                    }
                }
            } catch let error where attempt < 3 && PostgresFailure.isRetryable(error) {
                attempt += 1
            }
        }
    }

    /// Reads that must see one state of the database, as of their first statement.
    func snapshot<Result: Sendable>(_ body: @escaping @Sendable (PostgresConnection) async throws -> Result) async throws -> Result {
        try await transaction(begin: "BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY", body)
    }

    // MARK: - Writing

    /// Two commits in flight: while one waits for its round trips and its WAL flush, the other's statement runs on
    /// the server (each commit is atomic and counts only the spans it inserted, so the guarantees hold as they are).
    package var concurrentCommits: Int { 2 }

    /// Nothing is prepared ahead (the default `prepare`): the ids a commit needs come from the database.
    package func write(_ batches: [PreparedWrite]) async throws {
        let batches = batches.map(\.batch)
        guard batches.contains(where: { !$0.isEmpty }) else { return }
        try await open()
        let ids = try await interned.ids(for: batches, store: self)
        let commit = CommitRows(batches, ids: ids)
        let tags = TagIndexRows(batches, keys: tagIndex.writtenKeys)
        try await transaction { [logger] connection in
            try await commit.write(connection, tags: tags, logger: logger)
        }
    }

    /// `write` for the collector's writer thread: blocks it (not a thread of the cooperative pool) until the commit.
    package func writeBlocking(_ batches: [PreparedWrite]) throws {
        let done = DispatchSemaphore(value: 0)
        let outcome = Outcome()
        Task {
            do { try await write(batches) } catch { outcome.result.withLock { $0 = .failure(error) } }
            done.signal()
        }
        done.wait()
        try outcome.result.withLock { $0 }.get()
    }
}

/// What a task that another thread waits for ended with.
private final class Outcome: Sendable {
    let result = Mutex<Result<Void, any Error>>(.success(()))
}

extension PostgresConnection {
    /// Every row of a query, on this connection (inside a transaction or a snapshot).
    func rows(_ query: PostgresQuery, logger: Logger) async throws -> [PostgresRow] {
        var rows: [PostgresRow] = []
        for try await row in try await self.query(query, logger: logger) { rows.append(row) }
        return rows
    }
}
