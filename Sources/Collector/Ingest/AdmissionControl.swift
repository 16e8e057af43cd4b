import Synchronization

/// Bounds the bytes of requests being read and decoded at once. The ingest queue bounds what waits for the
/// writer, but when decoding is the bottleneck (CPU-bound, several cores' worth of requests) requests pile up
/// before they reach the queue; without this they would wait there unbounded, holding their bodies, instead
/// of being told to come back (503 + Retry-After).
final class AdmissionControl: Sendable {
    private let inFlight = Atomic<Int>(0)
    let maxBytes: Int

    init(maxBytes: Int) { self.maxBytes = maxBytes }

    /// Bytes assumed for a body whose length is not announced (chunked).
    static let unannouncedBytes = 64 << 10

    /// Takes `bytes` of the budget, or refuses. One request is always admitted when nothing else is in flight,
    /// so any request within the body limit can get through.
    func admit(_ bytes: Int) -> Bool {
        let after = inFlight.add(bytes, ordering: .relaxed).newValue
        if after > maxBytes && after != bytes {
            inFlight.subtract(bytes, ordering: .relaxed)
            return false
        }
        return true
    }

    func release(_ bytes: Int) { inFlight.subtract(bytes, ordering: .relaxed) }
}
