import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// glibc gives a thread that finds the arenas busy an arena of its own, up to eight per core, and memory freed
/// in an arena stays there for that arena's next allocations. Request handlers, the writer and the readers each
/// left a request's or a query's worth of freed blocks in arenas of their own, which the collector's peak RSS
/// counted (issue #20's target is ≤ 100 MB). Two arenas, one per core of the machine it is measured on:
/// tracetop-bench --only process measured the ingest peak 105.4 → 101.4 MB and the query phase 117.4 → 101.9 MB.
/// `MALLOC_ARENA_MAX` in the environment still decides, for whoever wants another number.
enum MallocArenas {
    static let limit: Int32 = 2

    /// Call first, before the threads that would each make an arena start.
    static func limitUnlessConfigured() {
        #if canImport(Glibc)
            guard ProcessInfo.processInfo.environment["MALLOC_ARENA_MAX"] == nil else { return }
            // <malloc.h> is not in Swift's Glibc module: mallopt is looked up by name, M_ARENA_MAX is its value there.
            typealias Mallopt = @convention(c) (Int32, Int32) -> Int32
            let arenaMax: Int32 = -8
            guard let symbol = dlsym(dlopen(nil, RTLD_NOW), "mallopt") else { return }
            _ = unsafeBitCast(symbol, to: Mallopt.self)(arenaMax, limit)
        #endif
    }
}
