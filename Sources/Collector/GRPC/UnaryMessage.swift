import GRPCCore

/// Reads the single request message of a unary call. A client that opens a stream and never finishes it is
/// answered DEADLINE_EXCEEDED after `--body-timeout` by `GRPCFramingGuard` (which closes the stream, ending this
/// read); the transport's limit on concurrent streams bounds how many such streams can exist at once.
enum UnaryMessage {
    static func read<Message: Sendable>(_ messages: RPCAsyncSequence<Message, any Error>) async throws -> Message {
        var iterator = messages.makeAsyncIterator()
        guard let message = try await iterator.next() else {
            throw RPCError(code: .invalidArgument, message: "the call ended without a request message: Export takes exactly one")
        }
        guard try await iterator.next() == nil else {
            throw RPCError(code: .invalidArgument, message: "more than one request message: Export is a unary method")
        }
        return message
    }
}
