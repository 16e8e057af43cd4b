/// A minimal HTTP/1.1 keep-alive client over a blocking socket to 127.0.0.1: enough for the load clients
/// (one thread each) and the query timings, and cheap, so the clients leave the cores to the server.
final class LoopbackHTTPClient {
    typealias Failure = LoopbackSocket.Failure

    struct Response {
        var status: Int
        var body: [UInt8]
    }

    private let socket: LoopbackSocket
    private var buffer: [UInt8] = []
    private let port: Int

    init(port: Int) throws {
        self.port = port
        socket = try LoopbackSocket(port: port)
    }

    func post(_ path: String, contentType: String, body: [UInt8]) throws -> Response {
        let head =
            "POST \(path) HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nContent-Type: \(contentType)\r\nContent-Length: \(body.count)\r\n\r\n"
        try send(Array(head.utf8))
        try send(body)
        return try readResponse()
    }

    func get(_ pathAndQuery: String) throws -> Response {
        try send(Array("GET \(pathAndQuery) HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\n\r\n".utf8))
        return try readResponse()
    }

    private func send(_ bytes: [UInt8]) throws {
        try socket.send(bytes)
    }

    /// Reads one response: status line, headers, then a Content-Length or chunked body.
    private func readResponse() throws -> Response {
        var headerEnd: Int
        while true {
            if let end = Self.find([13, 10, 13, 10], in: buffer) { headerEnd = end; break }
            try fill()
        }
        let head = String(decoding: buffer[0..<headerEnd], as: UTF8.self)
        buffer.removeFirst(headerEnd + 4)
        let lines = head.split(separator: "\r\n")
        let statusParts = lines.first?.split(separator: " ") ?? []
        guard statusParts.count >= 2, let status = Int(statusParts[1]) else {
            throw Failure(description: "bad status line: \(lines.first ?? "")")
        }
        var contentLength: Int?
        var chunked = false
        for line in lines.dropFirst() {
            let lower = line.lowercased()
            if lower.hasPrefix("content-length:") { contentLength = Int(lower.dropFirst(15).trimmingSpaces()) }
            if lower.hasPrefix("transfer-encoding:"), lower.contains("chunked") { chunked = true }
        }
        if chunked { return Response(status: status, body: try readChunked()) }
        let length = contentLength ?? 0
        while buffer.count < length { try fill() }
        let body = Array(buffer[0..<length])
        buffer.removeFirst(length)
        return Response(status: status, body: body)
    }

    private func readChunked() throws -> [UInt8] {
        var body: [UInt8] = []
        while true {
            var lineEnd: Int
            while true {
                if let end = Self.find([13, 10], in: buffer) { lineEnd = end; break }
                try fill()
            }
            let sizeText = String(decoding: buffer[0..<lineEnd], as: UTF8.self).split(separator: ";").first ?? ""
            guard let size = Int(sizeText.trimmingSpaces(), radix: 16) else { throw Failure(description: "bad chunk size") }
            buffer.removeFirst(lineEnd + 2)
            while buffer.count < size + 2 { try fill() }
            body += buffer[0..<size]
            buffer.removeFirst(size + 2)
            if size == 0 { return body }
        }
    }

    private func fill() throws {
        buffer += try socket.receive()
    }

    private static func find(_ needle: [UInt8], in bytes: [UInt8]) -> Int? {
        guard bytes.count >= needle.count else { return nil }
        for index in 0...(bytes.count - needle.count) where bytes[index] == needle[0] {
            if bytes[index..<(index + needle.count)].elementsEqual(needle) { return index }
        }
        return nil
    }
}

extension StringProtocol {
    func trimmingSpaces() -> String {
        String(drop { $0 == " " }.reversed().drop { $0 == " " }.reversed())
    }
}
