/// Traces sorted by duration (`sort=duration`, tracetop's "slowest" lists) read the index on
/// (duration_class, seq): a class is one power of two of nanoseconds, so a new trace's entry goes at the end
/// of its class's run, among a few dozen hot pages, where an index on the duration itself put every trace
/// (and every change of a trace's duration) on a random page. SQLite sorts each class's rows by the exact
/// duration as it reads them.
enum DurationClass {
    /// ⌊log₂ nanoseconds⌋ of the duration as stored (`StoredTime` clamps it to Int64), 0 for 0 and 1: grows with
    /// the duration, as the sort needs. At most 62.
    static func of(_ durationNanos: UInt64) -> Int64 {
        let stored = UInt64(StoredTime.column(durationNanos))
        return Int64(63 - max(stored, 1).leadingZeroBitCount)
    }

    static let highest: Int64 = 62
}
