import Foundation
import Synchronization

/// Does one thing again and again on a thread of its own — fetch `/metrics` as Prometheus would, say — each
/// `interval` from the start of the last (back to back when zero), and records how long each took.
final class RepeatingProbe: Sendable {
    private let interval: Duration
    private let action: @Sendable () throws -> Void
    private let stopped = Atomic(false)
    private let result = Mutex<Result<[Double], any Error>?>(nil)
    private let done = DispatchSemaphore(value: 0)

    init(every interval: Duration, _ action: @escaping @Sendable () throws -> Void) {
        self.interval = interval
        self.action = action
    }

    func start() {
        Thread { [self] in
            let outcome = Result { () throws -> [Double] in
                var millis: [Double] = []
                while !stopped.load(ordering: .relaxed) {
                    let started = ContinuousClock.now
                    try action()
                    let elapsed = ContinuousClock.now - started
                    millis.append(elapsed.seconds * 1000)
                    Thread.sleep(forTimeInterval: max(0, (interval - elapsed).seconds))
                }
                return millis
            }
            result.withLock { $0 = outcome }
            done.signal()
        }.start()
    }

    /// How long each run took, in milliseconds; throws what a run met.
    func stop() throws -> [Double] {
        stopped.store(true, ordering: .relaxed)
        done.wait()
        return try result.withLock { $0! }.get()
    }

    /// A GET of `/metrics` over one keep-alive connection, checked to be a whole answer; then `then`, if given.
    static func scrape(port: Int, then: (@Sendable () async throws -> Void)? = nil) throws -> @Sendable () throws -> Void {
        let client = Locked(try LoopbackHTTPClient(port: port))
        let after = then.map(blocking)
        return {
            let response = try client.withLock { try $0.get("/metrics") }
            guard response.status == 200, response.body.count > 1000 else {
                throw BenchFailure("/metrics answered \(response.status) with \(response.body.count) bytes")
            }
            try after?()
        }
    }

    /// Runs an async call to completion from the probe's thread.
    static func blocking(_ call: @escaping @Sendable () async throws -> Void) -> @Sendable () throws -> Void {
        {
            let finished = DispatchSemaphore(value: 0)
            let outcome = Mutex<Result<Void, any Error>>(.success(()))
            Task {
                do { try await call() } catch { outcome.withLock { $0 = .failure(error) } }
                finished.signal()
            }
            finished.wait()
            try outcome.withLock { $0 }.get()
        }
    }
}

/// A value only ever used by one thread at a time (the probe's), made sendable.
private final class Locked<Value>: Sendable {
    private let value: Mutex<Value>
    init(_ value: sending Value) { self.value = Mutex(value) }
    func withLock<T>(_ body: (inout sending Value) throws -> sending T) rethrows -> sending T { try value.withLock(body) }
}
