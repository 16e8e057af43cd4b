import NIOCore
import NIOPosix

/// Runs the OTLP/gRPC server's tasks on the event loops rather than on the cooperative pool. grpc-swift 2 gives
/// every call a task of its own (the stream, the handler) that trades work with the stream's event loop several
/// times per call: the request's parts arrive from the loop, the response's headers, message and trailers go back
/// to it, and each trade between a pool thread and a loop thread is a thread wake-up. Measured with `perf`
/// (docs/BENCHMARKS-HISTORY.md), those wake-ups were most of what a gRPC call cost beyond an HTTP request.
final class EventLoopTaskExecutor: TaskExecutor {
    private enum Placement {
        /// A job continues on the loop it was woken from, so a call's work stays on its connection's loop; a job
        /// woken from elsewhere goes to the next loop of the group.
        case following(MultiThreadedEventLoopGroup)
        /// Every job on this loop: the writer thread finishing a commit then resumes the call where its stream lives.
        case pinned(any EventLoop)
    }

    private let placement: Placement

    private init(_ placement: Placement) {
        self.placement = placement
    }

    static func following(_ group: MultiThreadedEventLoopGroup) -> EventLoopTaskExecutor {
        EventLoopTaskExecutor(.following(group))
    }

    /// Pinned to the loop the caller runs on; nil when it runs on none.
    static func pinnedToCurrentLoop() -> EventLoopTaskExecutor? {
        MultiThreadedEventLoopGroup.currentEventLoop.map { EventLoopTaskExecutor(.pinned($0)) }
    }

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        let loop: any EventLoop
        switch placement {
        case .pinned(let home): loop = home
        case .following(let group): loop = MultiThreadedEventLoopGroup.currentEventLoop ?? group.next()
        }
        loop.execute { job.runSynchronously(on: self.asUnownedTaskExecutor()) }
    }
}
