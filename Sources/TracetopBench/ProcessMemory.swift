import Foundation

/// Resident memory from /proc/self/status (Linux). The collector runs inside the benchmark's process, so its
/// share is estimated as the peak during ingest minus the resident size just before the collector started.
enum ProcessMemory {
    static func residentBytes() -> Int { field("VmRSS:") }
    static func peakBytes() -> Int { field("VmHWM:") }

    /// Zeroes the peak (VmHWM) so the next phase's peak is its own (Linux ≥ 4.0: write 5 to clear_refs).
    static func resetPeak() {
        try? "5".write(toFile: "/proc/self/clear_refs", atomically: false, encoding: .utf8)
    }

    private static func field(_ name: String) -> Int {
        guard let text = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return 0 }
        for line in text.split(separator: "\n") where line.hasPrefix(name) {
            let digits = line.dropFirst(name.count).filter(\.isNumber)
            return (Int(digits) ?? 0) * 1024
        }
        return 0
    }
}
