/// The ingest role of the storage contract (see `TraceStore`): what the collector's request handlers and its one
/// writer need. Nothing here names a backend's own forms: what a backend works out ahead of the commit travels
/// opaquely in `PreparedWrite`.
///
/// Guarantees: a write is atomic and durable (when it returns, every span and log of its batches is committed;
/// when it throws, none is), and the collector acknowledges a request only after its write returned.
package protocol SpanIngestStore: Sendable {
    /// Work on a batch that needs no database (grouping spans by trace, encoding rows, say), done on the caller's
    /// thread so the one writer has less to do. Optional: both writes take unprepared batches too.
    func prepare(_ batch: WriteBatch) -> PreparedWrite
    /// One transaction for all the batches (a group commit).
    func write(_ batches: [PreparedWrite]) async throws
    /// `write` for a caller that owns its thread (the collector's writer, which keeps off the cooperative pool the
    /// request handlers keep busy): blocks that thread until the commit.
    func writeBlocking(_ batches: [PreparedWrite]) throws
    /// How many writes the collector may run at once, each a group commit of its own. SQLite commits one at a time;
    /// a database server overlaps one commit's round trips and disk flush with another's work.
    var concurrentCommits: Int { get }
}

extension SpanIngestStore {
    /// A backend with nothing to work out ahead passes the batch on as it is.
    package func prepare(_ batch: WriteBatch) -> PreparedWrite { PreparedWrite(batch) }

    /// One at a time, unless the backend says otherwise.
    package var concurrentCommits: Int { 1 }

    /// Unprepared batches: the backend prepares them in the write.
    package func write(_ batches: [WriteBatch]) async throws { try await write(batches.map(PreparedWrite.init)) }

    package func write(_ batch: WriteBatch) async throws { try await write([PreparedWrite(batch)]) }
}

/// A batch as `SpanIngestStore.prepare` handed it back: the batch itself, and what the backend that prepared it
/// worked out ahead of the commit (opaque to everyone else; only that backend reads it).
package struct PreparedWrite: Sendable {
    package let batch: WriteBatch
    /// The backend's own form of the batch; nil when nothing was prepared.
    package let work: (any Sendable)?

    /// A batch with nothing prepared.
    package init(_ batch: WriteBatch) {
        self.batch = batch
        work = nil
    }

    package init(_ batch: WriteBatch, work: any Sendable) {
        self.batch = batch
        self.work = work
    }
}
