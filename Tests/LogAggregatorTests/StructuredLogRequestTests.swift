import LogAggregator
import Testing
import TraceModel
import WireCodecs

/// Whole request bodies: framing, grouping by service, bad lines and limits.
@Suite struct StructuredLogRequestTests {
    @Test func badLinesAreReportedWithTheirNumbersAndGoodLinesKept() throws {
        let hugeLine = #"{"msg":""# + String(repeating: "x", count: 2000) + #""}"#
        let body =
            [
                #"{"msg":"first","level":"info"}"#,  // 1
                "",  // 2 blank: skipped silently
                "this is not json",  // 3
                #"[{"msg":"in an array"}]"#,  // 4
                #"{"msg":"bad time","ts":"yesterday"}"#,  // 5
                #"{"msg":"bad level","level":true}"#,  // 6
                hugeLine,  // 7
                #"{"msg":"cut short","#,  // 8
                "   \t ",  // 9 blank
                #"{"msg":"last","level":"error"}"#  // 10
            ].joined(separator: "\n") + "\n"
        let result = try normalize(body, limits: .init(maxLineBytes: 1000))

        #expect(allRecords(result).map(\.body) == [.string("first"), .string("last")])
        #expect(result.acceptedCount == 2)
        #expect(result.rejectedCount == 6)
        #expect(result.errors.map(\.line) == [3, 4, 5, 6, 7, 8])
        #expect(
            result.errors.map(\.reason) == [
                "line 3: invalid JSON at byte 1: invalid literal, expected 'true'",
                "line 4: not a JSON object (found an array)",
                #"line 5: "ts" is not a recognised time: "yesterday""#,
                "line 6: \"level\" is not a recognised level: true",
                "line 7: longer than the limit of 1000 bytes (2010 bytes)",
                "line 8: invalid JSON at byte 19: unexpected end of input, expected a string key"
            ])
    }

    @Test func errorsQuoteClientValuesShortAndEscaped() throws {
        let result = try normalize(#"{"ts":"\u001b[31m\u0007 \"quoted\" "# + String(repeating: "y", count: 100) + #""}"#)
        let reason = try #require(result.errors.first?.reason)
        #expect(!reason.unicodeScalars.contains { $0.value < 0x20 }, "no control character reaches a terminal: \(reason)")
        #expect(reason.hasPrefix(#"line 1: "ts" is not a recognised time: "\u001b[31m\u0007 \"quoted\" yyy"#))
        #expect(reason.hasSuffix("…\""))
        #expect(reason.count < 120)
    }

    @Test func outOfRangeTimeSaysWhy() throws {
        let result = try normalize(#"{"time":"1969-07-20T20:17:40Z"}"#)
        #expect(result.errors.map(\.reason) == [#"line 1: "time" is not a recognised time: "1969-07-20T20:17:40Z" (before 1970)"#])
    }

    @Test func groupsRecordsByServiceInOrderOfFirstAppearance() throws {
        let body = """
            {"service":"billing","msg":"b1"}
            {"msg":"u1"}
            {"app":"gateway","msg":"g1"}
            {"service.name":"billing","msg":"b2"}
            {"service":"","msg":"u2"}
            """
        let result = try normalize(body)
        let groups = result.data.resourceLogs.map { ($0.resource.serviceName, $0.scopeLogs.flatMap(\.logRecords).map(\.body)) }
        #expect(groups.map(\.0) == ["billing", "unknown_service", "gateway"])
        #expect(groups.map(\.1) == [[.string("b1"), .string("b2")], [.string("u1"), .string("u2")], [.string("g1")]])
        #expect(result.data.resourceLogs.allSatisfy { $0.resource.attributes.count == 1 })
        #expect(allRecords(result).allSatisfy { $0.observedTimeUnixNano == receivedAt })
    }

    @Test func crlfLineEndingsAndAByteOrderMarkAreAccepted() throws {
        let result = try normalize("\u{FEFF}{\"msg\":\"one\"}\r\n\r\n{\"msg\":\"two\"}\r\n")
        #expect(result.errors.isEmpty)
        #expect(allRecords(result).map(\.body) == [.string("one"), .string("two")])
    }

    @Test func emptyBodyStoresNothing() throws {
        let result = try normalize("\n\n")
        #expect(result.acceptedCount == 0)
        #expect(result.errors.isEmpty)
    }

    @Test func jsonArrayReportsElementIndexes() throws {
        let body = #"[{"msg":"a"}, 42, {"msg":"c","lvl":{"x":1}}, {"msg":"d"}]"#
        let result = try normalize(body, contentType: "application/json; charset=utf-8")
        #expect(allRecords(result).map(\.body) == [.string("a"), .string("d")])
        #expect(
            result.errors == [
                LineError(line: 1, reason: "element 1: not a JSON object (found 42)"),
                LineError(line: 2, reason: "element 2: \"lvl\" is not a recognised level: an object")
            ])
    }

    @Test func jsonSingleObjectIsOneRecord() throws {
        let result = try normalize(#"{"msg":"alone","level":"debug"}"#, contentType: "application/json")
        #expect(allRecords(result).map(\.severityNumber) == [5])
    }

    @Test(arguments: [
        ("[1,", "invalid JSON at byte 3: unexpected end of input, expected a JSON value"),
        ("{\"msg\":\n", "invalid JSON at byte 8: unexpected end of input, expected a JSON value"),
        (#""just a string""#, #"expected a JSON array of log objects or one log object, found "just a string""#),
        (
            "{\"msg\":\"a\"}\n{\"msg\":\"b\"}",
            "invalid JSON at byte 12: unexpected '{' after the end of the JSON document (for one JSON object per line, send Content-Type: application/x-ndjson)"
        )
    ])
    func unreadableJSONDocumentIsRefusedAsAWhole(_ body: String, _ message: String) {
        #expect(throws: StructuredLogError(.invalidDocument, message)) {
            try normalize(body, contentType: "application/json")
        }
    }

    @Test(arguments: [
        "application/x-ndjson", "application/ndjson", "application/jsonl", "application/x-jsonl",
        "Application/X-NDJSON; charset=utf-8", "application/json", " application/json ;charset=UTF-8"
    ])
    func acceptedContentTypes(_ contentType: String) throws {
        #expect(try normalize(#"{"msg":"x"}"#, contentType: contentType).acceptedCount == 1)
    }

    @Test(arguments: ["text/plain", "application/x-protobuf", "", "application/jsonx", "multipart/form-data"])
    func otherContentTypesAreRefused(_ contentType: String) throws {
        do {
            _ = try normalize(#"{"msg":"x"}"#, contentType: contentType)
            Issue.record("accepted \(contentType)")
        } catch {
            #expect(error.kind == .unsupportedContentType)
            #expect(error.message.contains("application/x-ndjson"))
        }
    }

    @Test func tooManyLinesRefusesTheRequest() throws {
        let lines = String(repeating: "{\"msg\":\"x\"}\n\n", count: 4)
        #expect(try normalize(lines, limits: .init(maxRecords: 4)).acceptedCount == 4, "blank lines do not count")
        #expect(throws: StructuredLogError(.tooManyRecords, "more than 3 log lines in one request: send smaller batches")) {
            try normalize(lines, limits: .init(maxRecords: 3))
        }
        #expect(throws: StructuredLogError.self) {
            try normalize("[{},{},{},{}]", contentType: "application/json", limits: .init(maxRecords: 3))
        }
    }

    @Test func reportedErrorsAreBoundedButAllAreCounted() throws {
        let body = String(repeating: "nope\n", count: 500) + #"{"msg":"ok"}"#
        let result = try normalize(body, limits: .init(maxReportedErrors: 10))
        #expect(result.errors.count == 10)
        #expect(result.errors.last?.line == 10)
        #expect(result.rejectedCount == 500)
        #expect(result.acceptedCount == 1)
    }

    @Test func deeplyNestedLineIsReportedNotACrash() throws {
        let deep = #"{"a":"# + String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000) + "}"
        let result = try normalize(deep + "\n" + #"{"msg":"fine"}"#)
        #expect(result.errors.map(\.line) == [1])
        #expect(result.acceptedCount == 1)
    }

    @Test func invalidUTF8IsReported() throws {
        var body = Array(#"{"msg":"caf"#.utf8) + [0xC3, 0x28] + Array("\"}\n{\"msg\":\"ok\"}".utf8)
        body.append(UInt8(ascii: "\n"))
        let result = try StructuredLogNormalizer().normalize(body, contentType: "application/x-ndjson", receivedAtUnixNano: 1)
        #expect(result.errors.map(\.line) == [1])
        #expect(result.acceptedCount == 1)
    }
}

@Suite struct NormalizedLogsMessageTests {
    @Test func errorMessageListsReportedLinesAndCountsTheRest() throws {
        let body = "1\n2\n3\n{\"msg\":\"ok\"}\n[]"
        #expect(
            try normalize(body, limits: .init(maxReportedErrors: 2)).errorMessage
                == "rejected 4 log line(s): line 1: not a JSON object (found 1); line 2: not a JSON object (found 2); and 2 more")
        #expect(try normalize(#"{"msg":"ok"}"#).errorMessage == "")
    }
}
