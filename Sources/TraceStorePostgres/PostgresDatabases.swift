import Foundation
import Logging
import PostgresNIO

/// Creating and dropping whole databases on a server, for tests (a fresh database each), the benchmark and
/// the demo. Synchronous (on NIO's threads, never the caller's task pool), so a synchronous test fixture can
/// use it. The name is generated here, never taken from input.
package enum PostgresDatabases {
    /// Creates an empty database named `prefix` plus a random suffix on the server `server` points at (its
    /// database is only used to connect); returns the location of the new database.
    package static func createFresh(on server: PostgresLocation, prefix: String = "tracetop_test") throws -> PostgresLocation {
        let name = "\(prefix)_\(UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased())"
        try run("CREATE DATABASE \(name)", on: server)
        var location = server
        location.database = name
        return location
    }

    /// Drops the database `location` names, closing its open connections (PostgreSQL 13 and later).
    package static func drop(_ location: PostgresLocation, connectingTo server: PostgresLocation) throws {
        guard location.database.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" }) else {
            throw LocationError("refusing to drop a database with an unusual name: \(location.database)")
        }
        try run("DROP DATABASE IF EXISTS \(location.database) WITH (FORCE)", on: server)
    }

    private static func run(_ sql: String, on server: PostgresLocation) throws {
        let logger = Logger(label: "tracetop-postgres-admin")
        var configuration = PostgresConnection.Configuration(
            host: server.host, port: server.port, username: server.user, password: server.password,
            database: server.database, tls: .disable)
        configuration.options.connectTimeout = .seconds(10)
        let eventLoop = PostgresConnection.defaultEventLoopGroup.any()
        let connection = try PostgresConnection.connect(on: eventLoop, configuration: configuration, id: 1, logger: logger).wait()
        defer { try? connection.close().wait() }
        _ = try connection.query(PostgresQuery(unsafeSQL: sql), logger: logger).wait()
    }
}
