import Foundation

/// Where the PostgreSQL store is: `postgres://USER[:PASSWORD]@HOST[:PORT]/DBNAME[?sslmode=…]` (or `postgresql://`),
/// as libpq and every PostgreSQL tool spell it. Parsed once at the edge; an error names what is wrong.
package struct PostgresLocation: Hashable, Sendable {
    /// libpq's sslmode values we honour: `disable`, `prefer` (the default: TLS when the server offers it),
    /// `require` (TLS or no connection; like libpq, the certificate is not checked) and `verify-full` (TLS with
    /// the certificate checked against the system's trusted roots and the host name).
    package enum SSLMode: String, Hashable, Sendable {
        case disable, prefer, require
        case verifyFull = "verify-full"
    }

    package var user: String
    package var password: String?
    package var host: String
    package var port: Int
    package var database: String
    package var sslMode: SSLMode

    package init(user: String, password: String? = nil, host: String, port: Int = 5432, database: String, sslMode: SSLMode = .prefer) {
        self.user = user
        self.password = password
        self.host = host
        self.port = port
        self.database = database
        self.sslMode = sslMode
    }

    /// Whether `text` names a PostgreSQL database rather than a SQLite file.
    package static func isURL(_ text: String) -> Bool {
        text.hasPrefix("postgres://") || text.hasPrefix("postgresql://")
    }

    package init(url text: String) throws {
        guard Self.isURL(text), let components = URLComponents(string: text) else {
            throw LocationError(
                "not a PostgreSQL URL: expected postgres://USER[:PASSWORD]@HOST[:PORT]/DBNAME, got '\(Self.redacted(text))'")
        }
        guard let host = components.host, !host.isEmpty else {
            throw LocationError("the PostgreSQL URL has no host: expected postgres://USER@HOST/DBNAME, got '\(Self.redacted(text))'")
        }
        guard let user = components.user, !user.isEmpty else {
            throw LocationError("the PostgreSQL URL has no user: expected postgres://USER@HOST/DBNAME, got '\(Self.redacted(text))'")
        }
        let database = String(components.path.drop { $0 == "/" })
        guard !database.isEmpty else {
            throw LocationError(
                "the PostgreSQL URL has no database name: expected postgres://USER@HOST/DBNAME, got '\(Self.redacted(text))'")
        }
        var sslMode = SSLMode.prefer
        for item in components.queryItems ?? [] {
            guard item.name == "sslmode" else {
                throw LocationError("the PostgreSQL URL has an unknown parameter '\(item.name)' (only sslmode is understood)")
            }
            guard let mode = item.value.flatMap(SSLMode.init(rawValue:)) else {
                throw LocationError("sslmode must be disable, prefer, require or verify-full, got '\(item.value ?? "")'")
            }
            sslMode = mode
        }
        self.init(
            user: components.percentEncodedUser.flatMap { $0.removingPercentEncoding } ?? user,
            password: components.percentEncodedPassword.flatMap { $0.removingPercentEncoding },
            host: host.trimmingCharacters(in: CharacterSet(charactersIn: "[]")), port: components.port ?? 5432,
            database: database.removingPercentEncoding ?? database, sslMode: sslMode)
    }

    /// The location as a URL again (password included: for a child process's `--db`, never for a log).
    package var url: String {
        var components = URLComponents()
        components.scheme = "postgres"
        components.user = user
        components.password = password
        components.host = host.contains(":") ? "[\(host)]" : host
        components.port = port
        components.path = "/" + database
        if sslMode != .prefer { components.queryItems = [URLQueryItem(name: "sslmode", value: sslMode.rawValue)] }
        return components.string ?? "postgres://\(host):\(port)/\(database)"
    }

    /// `host:port/database`, for messages: never the password.
    package var displayName: String { "\(host):\(port)/\(database)" }

    /// The URL with its password replaced by `***`, for error messages and logs.
    package static func redacted(_ text: String) -> String {
        guard var components = URLComponents(string: text), components.password != nil else { return text }
        components.password = "***"
        return components.string ?? "postgres://…"
    }
}

package struct LocationError: Error, CustomStringConvertible, Sendable {
    package var description: String
    package init(_ description: String) { self.description = description }
}
