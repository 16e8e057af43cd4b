import Testing
@testable import TraceModel
@testable import WireCodecs

/// SPEC.md "Logs": ids only link a record (never reject it), severity as number or name, bodies of any kind.
@Suite("OTLP JSON log decoding rules")
struct OTLPJSONLogDecodingTests {
    func record(_ members: String) throws -> LogRecord? {
        let json = #"{"resourceLogs":[{"scopeLogs":[{"logRecords":[{"# + members + "}]}]}]}"
        let decoded = try OTLPJSONFixture.decodeLogs(json)
        #expect(decoded.rejected.count == 0)
        return decoded.data.resourceLogs.first?.scopeLogs.first?.logRecords.first
    }

    @Test(arguments: [
        #""traceId":"","spanId":"""#,
        #""traceId":null,"spanId":null"#,
        #""traceId":"00000000000000000000000000000000","spanId":"0000000000000000""#,
        #""traceId":"not-hex","spanId":"12345""#,
        #""traceId":"5b8efff798038103d269b633813fc60cff""#,
        ""
    ])
    func invalidOrEmptyIdsLeaveTheRecordUnlinked(members: String) throws {
        let record = try #require(try record(members + (members.isEmpty ? "" : ",") + #""body":{"stringValue":"kept"}"#))
        #expect(record.traceID == nil)
        #expect(record.spanID == nil)
        #expect(record.body == .string("kept"))
    }

    @Test func validIdsInEitherCaseLink() throws {
        let record = try #require(try record(#""trace_id":"5B8EFFF798038103D269B633813FC60C","span_id":"eee19b7ec3c1b174""#))
        #expect(record.traceID?.hex == "5b8efff798038103d269b633813fc60c")
        #expect(record.spanID?.hex == "eee19b7ec3c1b174")
    }

    @Test(
        arguments: [
            ("13", 13), (#""SEVERITY_NUMBER_WARN""#, 13), (#""SEVERITY_NUMBER_WARN2""#, 14), (#""SEVERITY_NUMBER_TRACE""#, 1),
            (#""SEVERITY_NUMBER_FATAL4""#, 24), (#""SEVERITY_NUMBER_UNSPECIFIED""#, 0), (#""SEVERITY_NUMBER_INFO""#, 9),
            ("null", 0), ("30", 30)
        ] as [(String, Int32)])
    func severityAsNumberOrName(json: String, number: Int32) throws {
        #expect(try record(#""severityNumber":"# + json)?.severityNumber == number)
    }

    @Test func everyField() throws {
        let record = try #require(
            try record(
                #""timeUnixNano":"1","observed_time_unix_nano":2,"severityNumber":17,"severityText":"ERROR","body":{"kvlistValue":{"values":[{"key":"k","value":{"arrayValue":{"values":[{"doubleValue":"-Infinity"}]}}}]}},"attributes":[{"key":"a","value":{"bytesValue":""}}],"droppedAttributesCount":4,"flags":1,"traceId":"5b8efff798038103d269b633813fc60c","spanId":"eee19b7ec3c1b174","event_name":"e","future":[1]"#
            ))
        #expect(
            record
                == LogRecord(
                    timeUnixNano: 1, observedTimeUnixNano: 2, severityNumber: 17, severityText: "ERROR",
                    body: .kvlist([KeyValue("k", .array([.double(-.infinity)]))]), attributes: [KeyValue("a", .bytes([]))],
                    droppedAttributesCount: 4, flags: 1, traceID: TraceID(high: 0x5b8efff798038103, low: 0xd269b633813fc60c),
                    spanID: SpanID(0xeee19b7ec3c1b174), eventName: "e"))
    }

    @Test func tracesInALogsRequestAreIgnoredAndViceVersa() throws {
        let logs = try OTLPJSONFixture.decodeLogs(
            #"{"resourceLogs":[{"scopeSpans":[{"spans":[1]}],"scopeLogs":[{"spans":{},"logRecords":[{}]}]}],"resourceSpans":[]}"#)
        #expect(logs.data.logRecordCount == 1)
        let traces = try OTLPJSONFixture.decodeTraces(
            #"{"resourceSpans":[{"scopeLogs":[true],"scopeSpans":[{"logRecords":"x","spans":[]}]}],"resourceLogs":[]}"#)
        #expect(traces.data.resourceSpans.count == 1)
    }
}
