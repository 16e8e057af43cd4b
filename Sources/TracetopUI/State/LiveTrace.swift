/// A trace still arriving: its spans are fetched again on every refresh (~2 s) while it grows or is younger
/// than a minute, and the header says how many spans came since it was opened. The page keeps the cursor,
/// the folds, the zoom and the flame graph's place across reloads (they are carried over by span id).
package struct LiveTrace: Hashable, Sendable {
    /// Spans when the trace was first shown.
    package var spansAtOpen: Int
    package var spans: Int
    /// The last reload brought more spans.
    package var grew = false

    /// A trace whose last span ended this recently may still be growing.
    static let youngFor: Int64 = 60_000_000

    package var arrivedSinceOpen: Int { max(0, spans - spansAtOpen) }

    /// Whether the next refresh should fetch the trace again.
    func isLive(endTime: Int64, now: Int64) -> Bool { grew || now - endTime < Self.youngFor }

    mutating func arrived(spans count: Int) {
        grew = count > spans
        spans = count
    }
}
