import NIOCore
import NIOPosix

/// Runs the OTLP/gRPC server's tasks on the event loops rather than on the cooperative pool. grpc-swift 2 gives
/// every call a task of its own (the stream, the handler, the timeout) that trades work with the stream's event
/// loop several times per call: the request's parts arrive from the loop, the response's headers, message and
/// trailers go back to it, and each trade between a pool thread and a loop thread is a thread wake-up. Measured
/// with `perf` (docs/BENCHMARKS-HISTORY.md), those wake-ups were most of what a gRPC call cost beyond an HTTP
/// request. A job continues on the loop it was woken from, so a call's work stays on its connection's loop;
/// a job woken from elsewhere (the writer thread finishing a commit) goes to the next loop of the group.
final class EventLoopTaskExecutor: TaskExecutor {
    private let group: MultiThreadedEventLoopGroup

    init(group: MultiThreadedEventLoopGroup) {
        self.group = group
    }

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        let loop = MultiThreadedEventLoopGroup.currentEventLoop ?? group.next()
        loop.execute { job.runSynchronously(on: self.asUnownedTaskExecutor()) }
    }
}
