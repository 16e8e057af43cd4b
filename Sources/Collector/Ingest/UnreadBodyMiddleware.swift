import Hummingbird
import NIOCore
import Synchronization

/// Makes every answer given before the body was read — 401 without the token, 503 when full, 413 from
/// Content-Length, 415, … — reach clients that send the whole body before they read (Python's urllib does).
///
/// Why: Hummingbird stops reading a `Connection: close` request as soon as the handler returns. The client is
/// still writing its body; nobody reads it, so the client blocks on a full socket until the idle timeout closes
/// the connection, and closing with unread bytes makes the kernel send a reset, which destroys the answer
/// waiting in the client's buffer: a broken pipe after 30 s instead of the 413.
/// So the answer is sent at once (head and body flushed), then the rest of the request body is read and
/// thrown away before the response ends — bounded by bytes and time, so a client sending an endless body is
/// still cut off (the connection is closed). Keep-alive requests get the same bound (Hummingbird would read on).
///
/// Not for every request: the tracking wrapper makes a body iterate through Hummingbird's type-erased sequence,
/// which cost about 9 % of ingest when every body was wrapped (tracetop-bench release, collector phase, 10 s runs:
/// 68–71k spans/s with it, 76–77k without). A keep-alive request whose Content-Length is within the body limit —
/// what SDKs send — needs none of it: Hummingbird reads an unread body on before the connection's next request
/// (so the client is never left blocked), and that read is bounded by the length.
struct UnreadBodyMiddleware<Context: RequestContext>: RouterMiddleware {
    /// At most this much is read and discarded after a refusal.
    let maxBytes: Int
    let maxSeconds: Int
    /// `--max-body-bytes`: a keep-alive body no longer than this is left to Hummingbird.
    let maxBodyBytes: Int

    /// Twice the body limit and at least 64 MiB (so the 413 for a body well over a small limit still arrives;
    /// reading and dropping 64 MiB takes a fraction of a second), and at most 10 s.
    init(configuration: CollectorConfiguration) {
        maxBytes = max(2 * configuration.maxBodyBytes, 64 << 20)
        maxSeconds = min(configuration.bodyTimeoutSeconds, 10)
        maxBodyBytes = configuration.maxBodyBytes
    }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard Self.mayHaveBody(request), !Self.isDrainedByTheServer(request, maxBodyBytes: maxBodyBytes) else {
            return try await next(request, context)
        }
        let body = request.body
        let read = ReadFlag()
        var tracked = request
        tracked.body = RequestBody(asyncSequence: ReadTracking(base: body, read: read))
        var response = try await next(tracked, context)
        guard !read.isSet else { return response }
        let answer = response.body
        response.body = ResponseBody(contentLength: answer.contentLength) { [maxBytes, maxSeconds] writer in
            try await answer.write(
                DiscardingBeforeEnd(base: writer) {
                    try await Deadline.run(seconds: maxSeconds) { try await Self.discard(body, upTo: maxBytes) }
                })
        }
        return response
    }

    /// A body is announced by Content-Length or Transfer-Encoding; a POST without either has none, and
    /// reading it just finds its end.
    static func mayHaveBody(_ request: Request) -> Bool {
        if let length = request.headers[.contentLength].flatMap({ Int($0) }) { return length > 0 }
        return request.headers[.transferEncoding] != nil || [.post, .put, .patch].contains(request.method)
    }

    /// Keep-alive, with a Content-Length within the limit: Hummingbird reads what the handler left, bounded.
    static func isDrainedByTheServer(_ request: Request, maxBodyBytes: Int) -> Bool {
        guard let length = request.headers[.contentLength].flatMap({ Int($0) }), length <= maxBodyBytes else { return false }
        let connection = request.headers[.connection]?.lowercased() ?? ""
        return !connection.split(separator: ",").contains { $0.filter { !$0.isWhitespace } == "close" }
    }

    private static func discard(_ body: RequestBody, upTo maxBytes: Int) async throws {
        var discarded = 0
        for try await chunk in body {
            discarded += chunk.readableBytes
            guard discarded <= maxBytes else { throw TooMuch() }
        }
    }

    private struct TooMuch: Error {}
}

/// The request body as the handler sees it, noting whether the handler began to read it.
private struct ReadTracking: AsyncSequence, Sendable {
    typealias Element = ByteBuffer
    let base: RequestBody
    let read: ReadFlag

    func makeAsyncIterator() -> RequestBody.AsyncIterator {
        read.set()
        return base.makeAsyncIterator()
    }
}

private final class ReadFlag: Sendable {
    private let flag = Atomic<Bool>(false)
    func set() { flag.store(true, ordering: .releasing) }
    var isSet: Bool { flag.load(ordering: .acquiring) }
}

/// Passes the response through and, before ending it, runs `beforeEnd` (the discarding). When that throws
/// the response is not ended and the error closes the connection, after the client already has the answer.
private struct DiscardingBeforeEnd: ResponseBodyWriter {
    var base: any ResponseBodyWriter
    let beforeEnd: @Sendable () async throws -> Void

    mutating func write(_ buffer: ByteBuffer) async throws { try await base.write(buffer) }

    consuming func finish(_ trailingHeaders: HTTPFields?) async throws {
        try await beforeEnd()
        try await base.finish(trailingHeaders)
    }
}
