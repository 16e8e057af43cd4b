import Foundation

/// The storage limit: the collector's own span rows appended through the SQLite C API without any index.
extension BenchRun {
    mutating func measureSQLiteAppend() throws {
        let rows = try SQLiteAppendBaseline.readRows(from: databasePath, limit: options.quick ? 20_000 : 300_000)
        var rates: [Double] = []
        for _ in 0..<min(3, options.runs) {
            rates.append(try SQLiteAppendBaseline.append(rows, to: directory + "/raw-append.db"))
        }
        let rate = Statistics.median(rates)
        progress(String(format: "raw SQLite append: %.0f rows/s (median of %d × %d rows)", rate, rates.count, rows.rows.count))
        table.add(
            "raw SQLite append, same rows, no index, 10k rows/txn", rate, unit: "rows/s", goal: .none,
            limit: String(format: "ingest ÷ this = %.2f", ingestSpansPerSecond / rate))
    }
}
