import Foundation
import NIOCore
import NIOPosix
import PostgresNIO
import TraceStore

/// PostgreSQL errors as one line a person can act on. `PSQLError`'s own description is deliberately vague (it
/// could leak data), so the server's message, or the connection's underlying error, is picked out here.
enum PostgresFailure {
    /// Why connecting or a statement failed, without the query text or any bound value.
    static func reason(_ error: any Error) -> String {
        guard let error = error as? PSQLError else { return "\(error)" }
        if let message = error.serverInfo?[.message] {
            let state = error.serverInfo?[.sqlState].map { " (SQLSTATE \($0))" } ?? ""
            return message + state
        }
        switch error.code {
        case .sslUnsupported: return "the server does not support TLS (sslmode=require)"
        case .authMechanismRequiresPassword:
            return "the server asks for a password and none was given (URL, PGPASSWORD or --db-password-file)"
        case .connectionError, .serverClosedConnection, .uncleanShutdown:
            return error.underlying.map(networkReason) ?? "\(error.code)"
        default:
            return error.underlying.map { "\(error.code): \($0)" } ?? "\(error.code)"
        }
    }

    /// "Connection refused", "no answer within 10 s", "cannot resolve the host name": NIO's errors name
    /// every address tried and the errno; one reason is what a person needs.
    private static func networkReason(_ error: any Error) -> String {
        if let failure = error as? NIOConnectionError {
            if let first = failure.connectionErrors.first { return networkReason(first.error) }
            if failure.dnsAError != nil || failure.dnsAAAAError != nil { return "cannot resolve the host name \(failure.host)" }
        }
        if let io = error as? IOError { return String(cString: strerror(io.errnoCode)) }
        if case ChannelError.connectTimeout(let timeout) = error { return "no answer within \(timeout.nanoseconds / 1_000_000_000) s" }
        return "\(error)"
    }

    /// The error the store throws when it cannot reach or log in to the server.
    static func connecting(_ location: PostgresLocation, _ error: any Error) -> StoreError {
        StoreError(
            "cannot connect to PostgreSQL at \(location.host):\(location.port) (database \(location.database), user \(location.user)): \(reason(error))"
        )
    }

    /// SQLSTATEs after which the whole transaction can simply run again: a deadlock between two collectors'
    /// commits, or a serialization failure. Nothing of it was committed.
    static func isRetryable(_ error: any Error) -> Bool {
        guard let state = (error as? PSQLError)?.serverInfo?[.sqlState] else { return false }
        return state == "40P01" || state == "40001"
    }
}
