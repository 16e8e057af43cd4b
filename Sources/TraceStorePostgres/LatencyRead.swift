import NIOCore
import PostgresNIO
import TraceStore

/// A latency query's one read: per operation and series bucket, the folded rows (counts and histograms) and the
/// pending rows (`LatencyFold`: counts summed, bucket lists concatenated), in one statement and one round trip.
///
/// - One row per (series bucket, operation) and kind, the histograms aggregated into one list
///   (`HistogramList`): a day of 59 operations is about 3,500 stored histograms, and reading each as a row of its
///   own (PostgresNIO's decoding of it, then ours) took 16 ms of the collector's CPU per query, four times what
///   PostgreSQL spent.
/// - A prepared statement of one shape whatever the window: up to three ranges (`LatencyRange.plan`: whole hours,
///   then the minutes before and after them; an unused range is empty), and a series bucket of `step` minutes from
///   the window's first minute (without a series, one bucket as long as the window). Planning the statement took
///   PostgreSQL 1–2.5 ms per query, as long as running it.
struct LatencyRead: PostgresPreparedStatement {
    typealias Row = LatencyCells

    /// The operations asked for; empty for all.
    let operations: [Int64]
    let hours: ClosedRange<Int64>?
    let minutes: [ClosedRange<Int64>]
    let fromMinute: Int64
    let toMinute: Int64
    let stepMinutes: Int64

    init(operations: [Int64], ranges: [LatencyRange], fromMinute: Int64, toMinute: Int64, stepMinutes: Int64?) {
        self.operations = operations
        hours = ranges.first { $0.minutesPerUnit == 60 }.map { $0.low...$0.high }
        minutes = ranges.filter { $0.minutesPerUnit == 1 }.map { $0.low...$0.high }
        precondition(minutes.count <= 2 && ranges.count == minutes.count + (hours == nil ? 0 : 1), "a latency window of unknown ranges")
        self.fromMinute = fromMinute
        self.toMinute = toMinute
        self.stepMinutes = stepMinutes ?? max(1, toMinute - fromMinute + 1)
    }

    /// $1 operations (empty: all); $2…$3 hours; $4…$5 and $6…$7 minutes; $8…$9 the window's minutes; $10 the series step.
    static let sql = """
        SELECT \(LatencyCells.Kind.folded.rawValue), \(bucket), operation_id, sum(count)::bigint, sum(error_count)::bigint,
               max(max_micros), \(HistogramList.aggregate("histogram"))
        FROM (SELECT hour * 60 AS minute, operation_id, count, error_count, max_micros, histogram FROM latency_hour_histograms
              WHERE hour BETWEEN $2 AND $3 AND \(operationFilter)
              UNION ALL
              SELECT minute, operation_id, count, error_count, max_micros, histogram FROM latency_minute_histograms
              WHERE (minute BETWEEN $4 AND $5 OR minute BETWEEN $6 AND $7) AND \(operationFilter)) u
        GROUP BY 2, 3
        UNION ALL
        SELECT \(LatencyCells.Kind.pendingBuckets.rawValue), \(bucket), operation_id, sum(count)::bigint,
               sum(error_count)::bigint, max(max_micros), string_agg(buckets, ''::bytea)
        FROM latency_pending WHERE minute BETWEEN $8 AND $9 AND \(operationFilter)
        GROUP BY 2, 3
        """

    /// `$1` lists the operations asked for, or is empty for all of them. The `OR` also keeps a generic plan from
    /// probing the primary keys once per listed operation (3.5 ms of a day's 8), rather than filtering the rows of
    /// the window's hours and minutes.
    private static let operationFilter = "(cardinality($1::bigint[]) = 0 OR operation_id = ANY($1::bigint[]))"

    /// A row's series bucket, as the SQLite store buckets a series: each starts a whole number of steps after the
    /// window's first minute.
    private static let bucket = "minute - ((minute - $8::bigint) % $10::bigint)"

    func makeBindings() throws -> PostgresBindings {
        var bindings = PostgresBindings(capacity: 10)
        bindings.append(operations)
        for range in [hours, minutes.first, minutes.dropFirst().first] {
            // An unused range: no row has a unit above its low and below its high.
            bindings.append(range?.lowerBound ?? 1)
            bindings.append(range?.upperBound ?? 0)
        }
        bindings.append(fromMinute)
        bindings.append(toMinute)
        bindings.append(stepMinutes)
        return bindings
    }

    func decodeRow(_ row: PostgresRow) throws -> Row { try LatencyCells(row) }
}

/// A row of `LatencyRead`, read cell by cell from PostgreSQL's binary format.
struct LatencyCells: Sendable {
    enum Kind: Int32 {
        /// Folded rows: `a` spans, `b` errors, `c` the longest; `list` their histograms (`HistogramList`).
        case folded = 0
        /// Pending rows: `a` spans, `b` errors, `c` the longest; `list` the spans per bucket (`PendingBucketList`,
        /// a bucket once per pending row that counts it).
        case pendingBuckets = 1
    }

    var kind: Kind
    var minute: Int64
    var operation: Int64
    var a: Int64
    var b: Int64
    var c: Int64
    var list: [UInt8]?

    init(_ row: PostgresRow) throws {
        var cells = row.makeIterator()
        func integer<I: FixedWidthInteger>(_ type: I.Type) throws -> I {
            guard let bytes = cells.next()?.bytes, bytes.readableBytes == MemoryLayout<I>.size,
                let value = bytes.getInteger(at: bytes.readerIndex, as: I.self)
            else { throw StoreError("a latency read returned a NULL or short integer column") }
            return value
        }
        guard let kind = Kind(rawValue: try integer(Int32.self)) else { throw StoreError("a latency read returned an unknown row kind") }
        self.kind = kind
        minute = try integer(Int64.self)
        operation = try integer(Int64.self)
        a = try integer(Int64.self)
        b = try integer(Int64.self)
        c = try integer(Int64.self)
        list = cells.next()?.bytes.map { Array($0.readableBytesView) }
    }
}
