import Foundation
import TraceStore

/// The file's bytes by table and index (from `SQLiteTraceStore.footprintByTable`), per span, so a reader sees
/// where the bytes per span go. The write-ahead log is what the files hold beyond the b-trees.
struct DiskBreakdown {
    let footprint: [TableFootprint]
    let statistics: StoreStatistics

    var lines: [String] {
        guard !footprint.isEmpty else { return ["disk by table: this SQLite has no dbstat"] }
        let spans = Double(max(1, statistics.spanCount))
        let treeBytes = footprint.reduce(0) { $0 + $1.bytes }
        var lines = [
            String(
                format: "disk by table and index, bytes per span (%d spans; %% of the files; %% of its pages unused):",
                statistics.spanCount)
        ]
        // The tables an ingest of spans leaves nearly empty (logs, interned names) are summed in one line.
        let shown = footprint.filter { Double($0.bytes) / spans >= 0.1 }
        let rest = footprint.filter { Double($0.bytes) / spans < 0.1 }
        let rows =
            shown.map { ($0.name, $0.bytes, $0.unusedBytes) } + [
                ("\(rest.count) smaller b-trees", rest.reduce(0) { $0 + $1.bytes }, rest.reduce(0) { $0 + $1.unusedBytes }),
                ("write-ahead log and free pages", statistics.fileBytes - treeBytes, 0)
            ]
        for (name, bytes, unused) in rows where bytes > 0 {
            lines.append(
                "  " + name.padding(toLength: 34, withPad: " ", startingAt: 0)
                    + String(
                        format: " %7.1f B  %5.1f %%  unused %4.1f %%", Double(bytes) / spans,
                        Double(bytes) / Double(max(1, statistics.fileBytes)) * 100, Double(unused) / Double(bytes) * 100))
        }
        return lines
    }
}
