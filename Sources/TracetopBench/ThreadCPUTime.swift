import Foundation

/// CPU time of the calling thread. On a machine shared with other builds the wall-clock figures grow with the
/// load average while this does not, so the tracetop figures report both (the targets are wall-clock).
///
/// Only Foundation is imported, as in `Clock.nowUnixNano`: with an explicit `import Glibc` beside it, a clean
/// build resolves `timespec`'s fields through CoreFoundation and `MemberImportVisibility` refuses them.
enum ThreadCPUTime {
    static func millis() -> Double {
        var spec = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &spec)
        return Double(spec.tv_sec) * 1000 + Double(spec.tv_nsec) / 1e6
    }
}
