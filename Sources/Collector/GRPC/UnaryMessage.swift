import GRPCCore

/// Reads the single request message of a unary call, within a time limit. A client that opens a stream and
/// never finishes it gets DEADLINE_EXCEEDED after `timeout` instead of holding a handler (and its bytes) forever;
/// the transport's own limit on concurrent streams bounds how many such streams can exist at once.
enum UnaryMessage {
    static func read<Message: Sendable>(_ messages: RPCAsyncSequence<Message, any Error>, within timeout: Duration) async throws -> Message {
        try await withThrowingTaskGroup(of: Message.self) { group in
            group.addTask {
                var iterator = messages.makeAsyncIterator()
                guard let message = try await iterator.next() else {
                    throw RPCError(code: .invalidArgument, message: "the call ended without a request message: Export takes exactly one")
                }
                guard try await iterator.next() == nil else {
                    throw RPCError(code: .invalidArgument, message: "more than one request message: Export is a unary method")
                }
                return message
            }
            group.addTask {
                try await Task.sleep(for: timeout)
                throw RPCError(code: .deadlineExceeded, message: "the request message did not arrive within \(timeout.components.seconds) seconds")
            }
            defer { group.cancelAll() }
            return try await group.next()!
        }
    }
}
