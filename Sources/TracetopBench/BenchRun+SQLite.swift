import Foundation

/// The storage limit: the collector's own span chunk rows appended through the SQLite C API without any index,
/// counted in the spans they hold.
extension BenchRun {
    mutating func measureSQLiteAppend() throws {
        // A chunk holds ~10 spans of the benchmark's workload: 30,000 rows are ~300,000 spans, as many as span rows were.
        let rows = try SQLiteAppendBaseline.readRows(from: databasePath, limit: options.quick ? 2_000 : 30_000)
        let spansPerRow = Double(rows.spanCount) / Double(max(1, rows.rows.count))
        var rates: [Double] = []
        for _ in 0..<min(3, options.runs) {
            rates.append(try SQLiteAppendBaseline.append(rows, to: directory + "/raw-append.db") * spansPerRow)
        }
        let rate = Statistics.median(rates)
        progress(
            String(
                format: "raw SQLite append: %.0f spans/s (median of %d × %d chunk rows, %.1f spans each)", rate, rates.count,
                rows.rows.count, spansPerRow))
        table.add(
            "raw SQLite append, same chunk rows, no index, 10k rows/txn", rate, unit: "spans/s", goal: .none,
            limit: String(format: "ingest ÷ this = %.2f", ingestSpansPerSecond / rate))
    }
}
