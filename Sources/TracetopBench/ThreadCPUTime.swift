import Foundation
// Depending on what a build has compiled before, `timespec`'s fields are attributed to Glibc or to CoreFoundation,
// and `MemberImportVisibility` wants the attributed module imported: both are, so every build accepts them.
#if canImport(Glibc)
    import Glibc
#endif
#if canImport(CoreFoundation)
    import CoreFoundation
#endif

/// CPU time of the calling thread. On a machine shared with other builds the wall-clock figures grow with the
/// load average while this does not, so the tracetop figures report both (the targets are wall-clock).
enum ThreadCPUTime {
    static func millis() -> Double {
        var spec = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &spec)
        return Double(spec.tv_sec) * 1000 + Double(spec.tv_nsec) / 1e6
    }
}
