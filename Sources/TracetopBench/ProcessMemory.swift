import Foundation

/// Resident memory from /proc/<pid>/status (Linux): this process's own, or the collector's when it runs as a
/// process of its own (`CollectorProcess`). In process, the collector's share is estimated as the peak during
/// ingest minus the resident size just before the collector started.
enum ProcessMemory {
    static func residentBytes() -> Int { field("VmRSS:", of: "self") }
    static func peakBytes() -> Int { field("VmHWM:", of: "self") }
    static func peakBytes(pid: Int32) -> Int { field("VmHWM:", of: "\(pid)") }

    /// Zeroes the peak (VmHWM) so the next phase's peak is its own (Linux ≥ 4.0: write 5 to clear_refs).
    static func resetPeak() { resetPeak(of: "self") }
    static func resetPeak(pid: Int32) { resetPeak(of: "\(pid)") }

    private static func resetPeak(of process: String) {
        try? "5".write(toFile: "/proc/\(process)/clear_refs", atomically: false, encoding: .utf8)
    }

    private static func field(_ name: String, of process: String) -> Int {
        guard let text = try? String(contentsOfFile: "/proc/\(process)/status", encoding: .utf8) else { return 0 }
        for line in text.split(separator: "\n") where line.hasPrefix(name) {
            let digits = line.dropFirst(name.count).filter(\.isNumber)
            return (Int(digits) ?? 0) * 1024
        }
        return 0
    }
}
