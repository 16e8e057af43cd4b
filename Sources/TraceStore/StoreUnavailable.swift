/// The store's server cannot be reached now (a backend with a server, such as PostgreSQL, while it is down or
/// cut off). Thrown at once while the outage lasts, instead of letting each call wait for a connection; the
/// store finds out by itself when the server is back. Nothing of the failed call was committed, so sending it
/// again later is safe.
package struct StoreUnavailable: Error, CustomStringConvertible, Sendable {
    /// Names the server and why it cannot be reached ("PostgreSQL at db:5432 cannot be reached: Connection refused").
    package var description: String

    package init(_ description: String) { self.description = description }
}
