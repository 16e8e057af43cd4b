@testable import DemoTraffic
import JSONToolkit
import Testing
import TraceModel
import WireCodecs

/// The generator's building blocks: randomness, export batching, retries, log line formatting.
@Suite struct MechanicsTests {
    @Test func randomIsReproducibleAndInRange() {
        var a = DemoRandom(seed: 1)
        var b = DemoRandom(seed: 1)
        var c = DemoRandom(seed: 2)
        let first = (0..<100).map { _ in a.next() }
        #expect(first == (0..<100).map { _ in b.next() })
        #expect(first != (0..<100).map { _ in c.next() })
        var sum = 0.0
        for _ in 0..<10_000 {
            let value = a.below(7)
            #expect((0..<7).contains(value))
            sum += a.unit()
        }
        #expect(abs(sum / 10_000 - 0.5) < 0.02)
    }

    struct Item: Exportable, Equatable { var readyTime: UInt64 }

    @Test func exportQueueHoldsFutureItemsAndFlushesOnItsTimer() {
        var queue = ExportQueue<Item>(maxBatch: 3, delay: 100)
        queue.append(Item(readyTime: 50))
        queue.append(Item(readyTime: 10))
        queue.append(Item(readyTime: 500))
        let batches = [0, 60, 100, 250].map { queue.takeReady(now: $0) }
        #expect(batches[0].isEmpty, "the timer starts at the first look")
        #expect(batches[1].isEmpty, "not full, timer not due")
        #expect(batches[2] == [[Item(readyTime: 10), Item(readyTime: 50)]], "in end order")
        #expect(batches[3].isEmpty, "the rest has not happened yet")
        let rest = queue.takeAll()
        #expect(rest == [[Item(readyTime: 500)]])
    }

    @Test func exportQueueSendsFullBatchesEarly() {
        var queue = ExportQueue<Item>(maxBatch: 2, delay: 1_000)
        _ = queue.takeReady(now: 0)
        for time in [1, 2, 3] as [UInt64] { queue.append(Item(readyTime: time)) }
        let batches = [5, 6, 1_000].map { queue.takeReady(now: $0) }
        #expect(batches[0] == [[Item(readyTime: 1), Item(readyTime: 2)]], "a full batch leaves before the timer")
        #expect(batches[1].isEmpty)
        #expect(batches[2] == [[Item(readyTime: 3)]])
    }

    @Test(arguments: [
        (1, 429 as Int?, "2" as String?, 2.0 as Double?),
        (1, 503, nil, 0.5),
        (3, 503, nil, 2.0),
        (2, 504, "3600", 30.0),
        (1, nil, nil, 0.5),
        (1, 502, "soon", 0.5),
        (1, 400, nil, nil),
        (1, 500, "1", nil),
        (5, 503, "1", nil)
    ])
    func retryPolicy(attempt: Int, status: Int?, retryAfter: String?, expected: Double?) {
        #expect(RetryPolicy().delay(afterAttempt: attempt, status: status, retryAfter: retryAfter) == expected)
    }

    @Test(arguments: [
        (0 as UInt64, "1970-01-01T00:00:00.000000Z"),
        (1_767_225_600_000_000_000, "2026-01-01T00:00:00.000000Z"),
        (1_709_208_000_123_456_789, "2024-02-29T12:00:00.123456Z"),
        (951_868_799_999_999_000, "2000-02-29T23:59:59.999999Z")
    ])
    func rfc3339(nanos: UInt64, expected: String) {
        #expect(RFC3339.string(nanos: nanos) == expected)
    }

    @Test func legacyLineIsOneEscapedJSONObject() throws {
        let line = LegacyLogLine(
            time: 0, level: .warn, service: .shipping, message: "say \"hi\"\nnow\u{1}",
            correlationID: "c-1", fields: [("order_id", "o\\1")])
        #expect(line.bytes.last == UInt8(ascii: "\n"))
        #expect(line.bytes.dropLast().contains(UInt8(ascii: "\n")) == false)
        guard case .object(let object) = try JSONValue.parse(Array(line.bytes.dropLast())) else {
            Issue.record("not an object")
            return
        }
        #expect(object["msg"] == .string("say \"hi\"\nnow\u{1}"))
        #expect(object["order_id"] == .string("o\\1"))
        #expect(object["level"] == .string("warning"))
        #expect(object["service"] == .string("shipping"))
        #expect(object["correlation_id"] == .string("c-1"))
    }

    @Test func partialSuccessCountsRejectionsInJSON() {
        let body = Array(#"{"partialSuccess":{"rejectedSpans":"3","errorMessage":"bad ids"}}"#.utf8)
        #expect(ExportResponse.partialSuccess(body, contentType: "application/json") == (3, "bad ids"))
        #expect(ExportResponse.partialSuccess(Array("{}".utf8), contentType: "application/json") == (0, nil))
        #expect(ExportResponse.partialSuccess(Array("not json".utf8), contentType: "application/json") == (0, nil))
    }

    @Test func partialSuccessCountsRejectionsInProtobuf() {
        let body = OTLPProtobuf.encodeExportResponse(rejected: 7, message: "span 2: invalid trace id", forLogs: false)
        #expect(ExportResponse.partialSuccess(body, contentType: "application/x-protobuf") == (7, "span 2: invalid trace id"))
        #expect(ExportResponse.partialSuccess([], contentType: "application/x-protobuf") == (0, nil))
        #expect(ExportResponse.partialSuccess([0x0A, 0xFF, 0xFF], contentType: "application/x-protobuf") == (0, nil), "truncated")
    }
}
