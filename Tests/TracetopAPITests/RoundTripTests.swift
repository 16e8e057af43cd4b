import JSONToolkit
import Testing
import TraceModel
import TracetopAPI

/// Every shape of the query API, written by its writer inside the envelope and read back by its reader: what the
/// collector writes is what tracetop reads, field for field.
@Suite("The query API's shapes: writer and reader agree")
struct RoundTripTests {
    /// Writes `items` as an answer's list and reads them back.
    static func roundTrip<Item: Equatable>(
        _ items: [Item], write: (Item, inout JSONWriter) -> Void, read: (JSONValue, String) throws(APIShapeError) -> Item
    ) throws -> [Item] {
        let bytes = APIEnvelope.write(items, limit: 7, write)
        let envelope = try APIEnvelope(bytes: bytes)
        #expect(envelope.total == items.count && envelope.limit == 7 && envelope.errors.isEmpty)
        return try envelope.list(read)
    }

    static let summary = TraceSummaryRow(
        traceID: "4bf92f3577b34da6a3ce929d0e0e4736", rootService: "gateway", rootOperation: "POST /checkout \"quoted\"",
        startTime: 1_732_490_000_000_000, duration: 123_456, spanCount: 12, errorCount: 1, services: ["billing", "gateway"],
        correlationIds: ["c-1", "ü-2"])

    static let log = LogLine(
        timestamp: 1_732_490_000_000_001, timeUnixNano: 1_732_490_000_000_001_234, service: "billing", severityNumber: 17,
        severityText: "ERROR", body: "card declined\nline two", traceID: "4bf92f3577b34da6a3ce929d0e0e4736", spanID: "00f067aa0ba902b7",
        correlationIds: ["c-1"], eventName: "payment.failed",
        attributes: [
            Tag(KeyValue("order.id", .string("o-1"))), Tag(KeyValue("attempt", .int(3))), Tag(KeyValue("big", .int(1 << 60))),
            Tag(KeyValue("ratio", .double(0.25))), Tag(KeyValue("retry", .bool(true))), Tag(KeyValue("raw", .bytes([1, 2, 255]))),
            Tag(KeyValue("list", .array([.string("a"), .int(1)]))),
            Tag(key: "untyped", value: .object(["k": .array([.null, .integer(-2)])]))
        ])

    @Test func traceSummaries() throws {
        let read = try Self.roundTrip(
            [Self.summary, TraceSummaryRow(traceID: "ab", rootService: "", rootOperation: "", startTime: 0, duration: 0, spanCount: 0)],
            write: { $0.write(to: &$1) }, read: { value, path throws(APIShapeError) in try TraceSummaryRow(json: value, path: path) })
        #expect(
            read == [
                Self.summary, TraceSummaryRow(traceID: "ab", rootService: "", rootOperation: "", startTime: 0, duration: 0, spanCount: 0)
            ])
    }

    @Test func logLines() throws {
        let read = try Self.roundTrip(
            [Self.log], write: { $0.write(to: &$1) }, read: { value, path throws(APIShapeError) in try LogLine(json: value, path: path) })
        #expect(read == [Self.log])
        // Past 2^53 an integer travels as a string, as Jaeger writes it; arrays and bytes as text.
        #expect(read[0].attributes[tag: "big"] == String(1 << 60))
        #expect(read[0].attributes[tag: "list"] == #"["a",1]"#)
        #expect(read[0].attributes[tag: "raw"] == "AQL/")
    }

    @Test func latencyRows() throws {
        let rows = [
            LatencyRow(
                service: "billing", operation: "POST /charge", spanKind: "server", count: 1200, ratePerSecond: 0.5, errorCount: 12,
                errorRate: 0.01, p50: 12_000, p75: 15_000, p90: 30_000, p95: 45_000, p99: 120_000, max: 800_000,
                series: [
                    LatencyRow.Bucket(
                        start: 1_732_490_000_000_000, count: 20, errorCount: 1, errorRate: 0.05, p50: 11_000, p75: 12_000, p90: 20_000,
                        p95: 40_000, p99: 90_000, max: 100_000)
                ]),
            LatencyRow(
                service: "email", operation: "send", spanKind: nil, count: 1, ratePerSecond: 0, errorCount: 0, errorRate: 0, p50: 1, p95: 1,
                p99: 1)
        ]
        let read = try Self.roundTrip(
            rows, write: { $0.write(to: &$1) }, read: { value, path throws(APIShapeError) in try LatencyRow(json: value, path: path) })
        #expect(read == rows)
    }

    @Test func histograms() throws {
        let histogram = OperationHistogram(
            service: "billing", operation: "POST /charge", count: 5, buckets: [.init(le: 1024, count: 2), .init(le: 2048, count: 3)])
        let bytes = APIEnvelope.write(total: 1) { histogram.write(to: &$0) }
        let read = try APIEnvelope(bytes: bytes).object { value, path throws(APIShapeError) in
            try OperationHistogram(json: value, path: path)
        }
        #expect(read == histogram)
    }

    @Test func correlations() throws {
        let correlation = Correlation(correlationId: "c-1", traces: [Self.summary], logs: [Self.log])
        let bytes = APIEnvelope.write(total: 2) { correlation.write(to: &$0) }
        let read = try APIEnvelope(bytes: bytes).object { value, path throws(APIShapeError) in try Correlation(json: value, path: path) }
        #expect(read == correlation)
    }

    @Test func dependencyEdges() throws {
        let edges = [
            DependencyEdge(parent: "gateway", child: "billing", callCount: 10, errorCount: 2),
            DependencyEdge(parent: "billing", child: "db", callCount: 3)
        ]
        let read = try Self.roundTrip(
            edges, write: { $0.write(to: &$1) }, read: { value, path throws(APIShapeError) in try DependencyEdge(json: value, path: path) })
        #expect(read == edges)
    }

    @Test func errors() throws {
        let envelope = try APIEnvelope(bytes: APIEnvelope.write(APIEnvelope.APIError(code: 400, msg: "limit: 'x' is not a whole number")))
        #expect(
            envelope == APIEnvelope(data: nil, total: 0, errors: [APIEnvelope.APIError(code: 400, msg: "limit: 'x' is not a whole number")])
        )
    }

    @Test func aMissingRequiredFieldIsNamedByItsPath() {
        #expect {
            try APIEnvelope(bytes: Array(#"{"data":[{"traceID":"a"},{"traceID":5}]}"#.utf8)).list(TraceSummaryRow.init(json:path:))
        } throws: {
            ($0 as? APIShapeError)?.message == "data[1].traceID is missing or not a string"
        }
        #expect { try APIEnvelope(bytes: Array("[1]".utf8)) } throws: { ($0 as? APIShapeError)?.message == "the answer is not an object" }
        #expect { try APIEnvelope(bytes: Array("{".utf8)) } throws: { ($0 as? APIShapeError)?.message.hasPrefix("not JSON") == true }
    }

    @Test func timesAreClampedWhereTheyAreRead() throws {
        let read = try APIEnvelope(bytes: Array(#"{"data":[{"traceID":"a","startTime":-5,"duration":9223372036854775807}]}"#.utf8))
            .list(TraceSummaryRow.init(json:path:))
        #expect(read.first?.startTime == 0 && read.first?.duration == Micros.maximum)
    }
}
