import Foundation
import NIOCore

/// A listener that could not bind, said in the user's terms: the flag and the address, not NIO's
/// `bind(descriptor:ptr:bytes:)`. Every listener (`--listen`, `--grpc-listen`, `--zipkin-listen`) translates its bind errors here.
package struct ListenerError: Error, CustomStringConvertible {
    package var flag: String
    package var address: String
    package var reason: String

    package var description: String { "\(flag) \(address) \(reason)" }

    /// `error` unchanged unless it is (or was caused by) a failed bind; then the flag and address it was for.
    static func translating(_ error: any Error, flag: String, host: String, port: Int) -> any Error {
        guard let errno = bindErrno(error) else { return error }
        let address = "\(host):\(port)"
        switch errno {
        case EADDRINUSE:
            return ListenerError(
                flag: flag, address: address,
                reason: "is already in use (another tracetop-collector?): stop it, or give \(flag) another port")
        case EACCES:
            return ListenerError(
                flag: flag, address: address,
                reason: "may not be bound by this user (ports below 1024 need privileges): give \(flag) another port")
        case EADDRNOTAVAIL:
            return ListenerError(
                flag: flag, address: address, reason: "is not an address of this machine: give \(flag) one it has (127.0.0.1, 0.0.0.0, …)")
        default:
            return ListenerError(flag: flag, address: address, reason: "cannot be listened on: \(String(cString: strerror(errno)))")
        }
    }

    /// NIO reports a failed bind as an `IOError`; grpc-swift and ServiceLifecycle wrap it as a cause.
    private static func bindErrno(_ error: any Error) -> Int32? {
        if let io = error as? IOError, [EADDRINUSE, EACCES, EADDRNOTAVAIL].contains(io.errnoCode) { return io.errnoCode }
        for child in Mirror(reflecting: error).children {
            if let cause = child.value as? any Error, let errno = bindErrno(cause) { return errno }
            if let optional = child.value as? (any Error)?, let cause = optional, let errno = bindErrno(cause) { return errno }
        }
        return nil
    }
}
