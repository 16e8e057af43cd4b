import Foundation

/// Zipkin request bodies for the tests, written out by hand (JSON text, protobuf bytes) rather than by the
/// collector's code, so a decoding mistake cannot hide behind the same mistake in an encoder.
enum ZipkinBodies {
    static let traceID = "5af7183fb1d4cf5f5af7183fb1d4cf5f"
    static let startMicros: UInt64 = 1_700_000_000_000_000

    /// One span's JSON object: ids, name, times, plus `extra` members (`"kind":"CLIENT"`).
    static func span(
        id: String = "0000000000000001", traceID: String = traceID, name: String = "op", timed: Bool = true, _ extra: String = ""
    ) -> String {
        var members = [#""traceId":"\#(traceID)""#, #""id":"\#(id)""#, #""name":"\#(name)""#]
        if timed { members += [#""timestamp":\#(startMicros)"#, #""duration":1500"#] }
        if !extra.isEmpty { members.append(extra) }
        return "{" + members.joined(separator: ",") + "}"
    }

    static func list(_ spans: String...) -> Data { Data(("[" + spans.joined(separator: ",") + "]").utf8) }

    /// zipkin.proto3, field numbers from openzipkin/zipkin-api `zipkin.proto`.
    enum Proto {
        static func varint(_ value: UInt64) -> [UInt8] {
            var bytes: [UInt8] = [], rest = value
            while rest >= 0x80 {
                bytes.append(UInt8(rest & 0x7F) | 0x80)
                rest >>= 7
            }
            return bytes + [UInt8(rest)]
        }
        static func lengthDelimited(_ number: UInt64, _ bytes: [UInt8]) -> [UInt8] {
            varint(number << 3 | 2) + varint(UInt64(bytes.count)) + bytes
        }
        static func string(_ number: UInt64, _ text: String) -> [UInt8] { lengthDelimited(number, Array(text.utf8)) }
        static func number(_ number: UInt64, _ value: UInt64) -> [UInt8] { varint(number << 3) + varint(value) }
        static func fixed64(_ number: UInt64, _ value: UInt64) -> [UInt8] {
            varint(number << 3 | 1) + (0..<8).map { UInt8(truncatingIfNeeded: value >> ($0 * 8)) }
        }
        static func hex(_ text: String) -> [UInt8] {
            stride(from: 0, to: text.count, by: 2).map { UInt8(text.dropFirst($0).prefix(2), radix: 16)! }
        }

        /// A span with the usual ids and times; `fields` adds or overrides (a later field wins in protobuf).
        static func span(id: String = "0000000000000001", traceID: [UInt8] = hex(ZipkinBodies.traceID), _ fields: [UInt8] = []) -> [UInt8] {
            lengthDelimited(1, traceID) + lengthDelimited(3, hex(id)) + string(5, "op")
                + fixed64(6, ZipkinBodies.startMicros) + number(7, 1500) + fields
        }
        static func endpoint(_ number: UInt64, service: String, ipv6: [UInt8] = [], port: UInt64 = 0) -> [UInt8] {
            lengthDelimited(
                number, string(1, service) + (ipv6.isEmpty ? [] : lengthDelimited(3, ipv6)) + (port == 0 ? [] : self.number(4, port)))
        }
        static func tag(_ key: String, _ value: String) -> [UInt8] { lengthDelimited(11, string(1, key) + string(2, value)) }
        static func list(_ spans: [UInt8]...) -> Data { Data(spans.flatMap { lengthDelimited(1, $0) }) }
    }

    static func post(
        _ url: String, _ body: Data, contentType: String = "application/json", gzip: Bool = false, headers: [String: String] = [:]
    ) async throws -> HTTPExchange {
        var headers = headers.merging(["Content-Type": contentType]) { $1 }
        if gzip { headers["Content-Encoding"] = "gzip" }
        return try await HTTP.send("POST", url, body: gzip ? try Compression.gzip(body) : body, headers: headers)
    }
}
