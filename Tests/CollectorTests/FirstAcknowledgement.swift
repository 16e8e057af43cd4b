import Synchronization

/// Where a crash test's random kill delay starts: at the collector's first acknowledgement, not at its start. On
/// a loaded machine a collector (above all one on PostgreSQL) can take longer to answer its first request than
/// the whole delay, and a round would then kill a collector that had acknowledged nothing, testing nothing.
final class FirstAcknowledgement: Sendable {
    private let seen = Atomic<Bool>(false)

    func record() { seen.store(true, ordering: .relaxed) }

    /// Returns once an acknowledgement was recorded, or after `limit` (every sender may have failed).
    func wait(limit: Duration = .seconds(30)) async throws {
        let deadline = ContinuousClock.now + limit
        while !seen.load(ordering: .relaxed) && ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(5)) }
    }
}
