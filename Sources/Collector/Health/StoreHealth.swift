import Synchronization

/// What the last commit told about the store: the writer records every outcome, readiness reads it.
/// A full disk is seen here first — SQLite refuses the commit — so readiness follows the store itself rather
/// than a guess from the file system.
final class StoreHealth: Sendable {
    /// The last commit that failed, while no commit has succeeded since.
    struct Failure: Sendable {
        var message: String
        /// Bytes of the requests whose commit failed: space returns for them once about twice as much is free.
        var bytes: Int
    }

    private let lastFailure = Mutex<Failure?>(nil)

    func committed() {
        lastFailure.withLock { $0 = nil }
    }

    func failed(_ error: any Error, bytes: Int) {
        lastFailure.withLock { $0 = Failure(message: "\(error)", bytes: bytes) }
    }

    var failure: Failure? { lastFailure.withLock { $0 } }
}
