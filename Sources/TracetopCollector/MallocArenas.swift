import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// glibc gives a thread that finds the arenas busy an arena of its own, up to eight per core, and memory freed
/// in an arena stays there for that arena's next allocations. Request handlers, the writer and the readers each
/// left a request's or a query's worth of freed blocks in arenas of their own, which the collector's peak RSS
/// counted (issue #20's target is ≤ 100 MB). Four: `tracetop-bench --only process --spans 300000 --duration 30`,
/// one binary with MALLOC_ARENA_MAX set, back to back: 2 arenas 76 / 77 MB (ingest / query peak) at 112–114k
/// spans/s, 4 arenas 77 / 84 MB at 120k, 8 arenas 78 / 85 MB at 118–124k, glibc's own 16 on 2 cores 77 / 86 MB
/// at 121k. Two cost 5–8 % of ingest (request threads waiting on arena locks) for a few MB; four do not.
/// `MALLOC_ARENA_MAX` in the environment still decides, for whoever wants another number.
enum MallocArenas {
    static let limit: Int32 = 4

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
