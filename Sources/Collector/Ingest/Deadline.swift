import Synchronization

/// Runs `operation` and gives up when `seconds` pass first (throwing `Deadline.Passed`).
///
/// A task group would wait for its children, and a child reading a request body does not stop while the
/// client sends nothing; so the operation runs in a task of its own and is abandoned at the deadline (the
/// caller then closes the connection, which ends it). The timer is cancelled as soon as the operation ends,
/// so a finished request leaves no sleeping task behind (issue #21).
enum Deadline {
    struct Passed: Error {}

    static func run<Value: Sendable>(seconds: Int, _ operation: @escaping @Sendable () async throws -> Value) async throws -> Value {
        let once = FirstResult<Value>()
        return try await withCheckedThrowingContinuation { continuation in
            once.set(continuation)
            let worker = Task {
                do { once.resume(.success(try await operation())) } catch { once.resume(.failure(error)) }
            }
            once.setTimer(
                Task {
                    try? await Task.sleep(for: .seconds(seconds))
                    guard !Task.isCancelled else { return }
                    if once.resume(.failure(Passed())) { worker.cancel() }
                })
        }
    }
}

/// Resumes a continuation with whichever result comes first; later ones are dropped. The first result
/// cancels the timer.
private final class FirstResult<Value: Sendable>: Sendable {
    private struct State {
        var continuation: CheckedContinuation<Value, any Error>?
        var done = false
        var timer: Task<Void, Never>?
    }
    private let state = Mutex(State())

    func set(_ continuation: CheckedContinuation<Value, any Error>) {
        state.withLock { $0.continuation = continuation }
    }

    /// Keeps the timer to cancel, or cancels it at once when the result is already in.
    func setTimer(_ timer: Task<Void, Never>) {
        let alreadyDone = state.withLock { state -> Bool in
            if !state.done { state.timer = timer }
            return state.done
        }
        if alreadyDone { timer.cancel() }
    }

    /// True when this result was the first.
    @discardableResult
    func resume(_ result: Result<Value, any Error>) -> Bool {
        let (continuation, timer) = state.withLock { state -> (CheckedContinuation<Value, any Error>?, Task<Void, Never>?) in
            guard !state.done else { return (nil, nil) }
            state.done = true
            defer {
                state.continuation = nil
                state.timer = nil
            }
            return (state.continuation, state.timer)
        }
        timer?.cancel()
        continuation?.resume(with: result)
        return continuation != nil
    }
}
