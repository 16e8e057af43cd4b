import Foundation
import Logging
import TraceStore
import TraceStorePostgres

/// The one place that turns `--db` into a store: a `postgres://` or `postgresql://` URL opens the shared
/// PostgreSQL store, anything else is a SQLite file path, as before.
package enum StoreFactory {
    /// The store, not yet connected for PostgreSQL (its first use connects; `open` does it at once).
    static func store(for configuration: CollectorConfiguration, logger: Logger) throws -> any TraceStore {
        guard PostgresLocation.isURL(configuration.databasePath) else {
            return try SQLiteTraceStore(
                path: configuration.databasePath, indexedAttributes: configuration.indexedAttributes,
                log: configuration.writeAheadLog)
        }
        return try PostgresTraceStore(
            location: try postgresLocation(configuration), indexedAttributes: configuration.indexedAttributes, logger: logger)
    }

    /// The store, connected and its schema migrated: an unreachable server or a refused login fails here, at
    /// start, with one line naming the host and the reason.
    static func open(for configuration: CollectorConfiguration, logger: Logger) async throws -> any TraceStore {
        let store = try store(for: configuration, logger: logger)
        if let postgres = store as? PostgresTraceStore {
            do {
                try await postgres.open()
            } catch {
                postgres.close()
                throw error
            }
        }
        return store
    }

    /// For a store on a server (PostgreSQL): why it cannot reach the server now, nil while it can. nil for a
    /// SQLite file, which has no server to lose.
    static func reachability(of store: any TraceStore) -> (@Sendable () -> String?)? {
        guard let postgres = store as? PostgresTraceStore else { return nil }
        return { postgres.unreachableReason }
    }

    /// The URL's location, with the password from `databasePassword` when the URL has none.
    static func postgresLocation(_ configuration: CollectorConfiguration) throws -> PostgresLocation {
        var location = try PostgresLocation(url: configuration.databasePath)
        if location.password == nil { location.password = configuration.databasePassword }
        return location
    }

    /// `--db` as logs may show it: a URL's password is replaced by `***`.
    static func displayName(_ databasePath: String) -> String {
        PostgresLocation.isURL(databasePath) ? PostgresLocation.redacted(databasePath) : databasePath
    }
}

/// Where a PostgreSQL `--db`'s password comes from: the URL itself, else `--db-password-file` (kept out of `ps`
/// and shell history), else `PGPASSWORD`, as every PostgreSQL tool reads it.
package enum DatabasePassword {
    /// The password to use when the URL has none; nil for a SQLite path, or when none is given anywhere (the
    /// server may not ask). Checks the URL's form, so a typo fails at start with what is wrong.
    package static func resolve(url: String, passwordFile: String?, environment: [String: String]) throws -> String? {
        guard PostgresLocation.isURL(url) else {
            if passwordFile != nil { throw LocationError("--db-password-file is for a postgres:// --db, not a SQLite file") }
            return nil
        }
        let location = try PostgresLocation(url: url)
        guard let passwordFile else { return environment["PGPASSWORD"].flatMap { $0.isEmpty ? nil : $0 } }
        guard location.password == nil else {
            throw LocationError("give the PostgreSQL password in the --db URL or in --db-password-file, not both")
        }
        guard let text = try? String(contentsOfFile: passwordFile, encoding: .utf8) else {
            throw LocationError("--db-password-file: cannot read '\(passwordFile)'")
        }
        guard let line = text.split(whereSeparator: \.isNewline).first, !line.isEmpty else {
            throw LocationError("--db-password-file: '\(passwordFile)' holds no password")
        }
        return String(line)
    }
}
