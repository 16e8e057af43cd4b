#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Wall-clock time in nanoseconds since the Unix epoch. Here, in the module with no dependencies, because a C
/// struct like `timespec` belongs to whichever C module the compiler meets it in first: in a module that also
/// imports NIO and swift-prometheus that varied from build to build (Glibc, or NIO's CNIOLinux shim), and
/// Swift 6's member-import checking then refused `tv_sec` unless that very module was imported.
package enum UnixTime {
    package static func nowNanoseconds() -> UInt64 {
        var spec = timespec()
        clock_gettime(CLOCK_REALTIME, &spec)
        return UInt64(spec.tv_sec) * 1_000_000_000 + UInt64(spec.tv_nsec)
    }

    /// The same clock in microseconds, the unit of the query API and tracetop.
    package static func nowMicroseconds() -> Int64 { Int64(nowNanoseconds() / 1_000) }
}
