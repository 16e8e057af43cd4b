import Testing
import TraceModel

@Suite struct CorrelationKeysTests {
    let keys = CorrelationKeys()

    @Test(arguments: CorrelationKeys.defaultKeys)
    func everyDefaultKeyIsRead(_ key: String) {
        #expect(keys.ids(in: [KeyValue(key, .string("c-1"))]) == ["c-1"])
    }

    @Test(arguments: ["Correlation_ID", "correlation", "trace_id", "X-Request-ID", "http.request.header.x-trace"])
    func otherKeysAreNotRead(_ key: String) {
        #expect(keys.ids(in: [KeyValue(key, .string("c-1"))]).isEmpty)
    }

    @Test func readsStringsIntsAndArrayElementsInOrderOnce() {
        let attributes = [
            KeyValue("http.route", .string("/checkout")),
            KeyValue("http.request.header.x-request-id", .array([.string("r-1"), .string("r-2"), .int(7)])),
            KeyValue("request_id", .int(42)),
            KeyValue("correlation_id", .string("r-2")),
            KeyValue("x-correlation-id", .string("")),
            KeyValue("correlation.id", .bool(true)),
            KeyValue("request.id", .double(1.5)),
            KeyValue("correlationId", .kvlist([KeyValue("id", .string("nested"))])),
            KeyValue("x-request-id", .array([.array([.string("deep")]), .string(""), .string("r-3")]))
        ]
        #expect(keys.ids(in: attributes) == ["r-1", "r-2", "7", "42", "r-3"])
    }

    @Test func configuredKeysReplaceTheDefault() {
        let custom = CorrelationKeys(["saga.id"])
        let attributes = [KeyValue("correlation_id", .string("c-1")), KeyValue("saga.id", .string("s-9"))]
        #expect(custom.ids(in: attributes) == ["s-9"])
        #expect(custom.keys == ["saga.id"])
    }

    @Test func spanIdsComeFromItsAttributesThenItsResource() throws {
        let span = Span(
            traceID: try #require(TraceID(hex: "4bf92f3577b34da6a3ce929d0e0e4736")),
            spanID: try #require(SpanID(hex: "00f067aa0ba902b7")),
            name: "GET /checkout", startTimeUnixNano: 1, endTimeUnixNano: 2,
            attributes: [KeyValue("http.request.header.x-correlation-id", .array([.string("c-1")]))]
        )
        let resource = Resource(attributes: [
            KeyValue("service.name", .string("gateway")),
            KeyValue("correlation.id", .string("deploy-batch-3")),
            KeyValue("x-correlation-id", .string("c-1"))
        ])
        #expect(keys.ids(of: span, resource: resource) == ["c-1", "deploy-batch-3"])
    }

    @Test func logIdsComeFromItsAttributesThenItsResource() {
        let record = LogRecord(body: .string("charged"), attributes: [KeyValue("request_id", .string("r-1"))])
        let resource = Resource(attributes: [KeyValue("request.id", .string("r-0"))])
        #expect(keys.ids(of: record, resource: resource) == ["r-1", "r-0"])
        #expect(keys.ids(of: LogRecord(), resource: Resource()).isEmpty)
    }

    @Test func keepsAtMostEightIdsPerItem() {
        let many = (0..<1000).map { AnyValue.string("id-\($0)") }
        let record = LogRecord(attributes: [KeyValue("request_id", .array(many))])
        let resource = Resource(attributes: [KeyValue("correlation_id", .string("from-resource"))])
        let ids = keys.ids(of: record, resource: resource)
        #expect(ids.count == CorrelationKeys.maxIDsPerItem)
        #expect(ids == (0..<CorrelationKeys.maxIDsPerItem).map { "id-\($0)" })
    }

    @Test func cutsLongIdsAtAScalarBoundary() {
        let ascii = String(repeating: "a", count: 1000)
        #expect(keys.ids(in: [KeyValue("request_id", .string(ascii))]) == [String(repeating: "a", count: 256)])
        // 255 ASCII bytes then a 2-byte "é": the "é" does not fit and is dropped whole.
        let accented = String(repeating: "b", count: 255) + "é" + "tail"
        let ids = keys.ids(in: [KeyValue("request_id", .string(accented))])
        #expect(ids == [String(repeating: "b", count: 255)])
        #expect(ids.allSatisfy { $0.utf8.count <= CorrelationKeys.maxIDBytes })
    }
}
