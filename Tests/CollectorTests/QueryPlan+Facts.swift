import Foundation

extension QueryPlan {
    /// Every query parameter of docs/API.md with values drawn from what the collector holds: each name, id, tag
    /// and word that finds something, windows that cut the data in half, limits that cut lists short (where ties
    /// in ordering would show), plus values that find nothing and values that are refused with a 400.
    static func over(_ facts: StoredFacts) -> QueryPlan {
        var plan = QueryPlan()
        let first = facts.firstMicros, last = facts.lastMicros, middle = first + (last - first) / 2
        let nowMicros = Int64(Date().timeIntervalSince1970 * 1_000_000)
        // Lookbacks count from now: whole days, so the few milliseconds between the two collectors' answers
        // cannot move a window edge across the data.
        let coveringDays = "\(max(1, (nowMicros - first) / 86_400_000_000 + 2))d"
        let operationNames = Array(Set(facts.operations.map(\.name))).sorted()
        let traceIDs = facts.traces.map(\.id)
        let durations = facts.traces.map(\.durationMicros).sorted()
        let quartile = durations.isEmpty ? 0 : durations[durations.count / 4]
        let median = durations.isEmpty ? 0 : durations[durations.count / 2]
        let tagJSON = facts.tags.map { #"{"\#(jsonEscaped($0.key))":"\#(jsonEscaped($0.value))"}"# }

        // v1
        plan.values["service"] = facts.services + ["no-such-service", nil]
        plan.values["operation"] = operationNames + ["no-such-operation", nil]
        plan.values["spanKind"] = ["server", "client", "producer", "consumer", "internal", "unspecified", "sideways", nil]
        plan.values["start"] = [String(first - 1), String(middle), String(last + 1), "yesterday", nil]
        plan.values["end"] = [String(last + 1), String(middle), String(first - 1), "-5", nil]
        plan.values["lookback"] = [coveringDays, "1h", "1.5s", "forever", nil]
        plan.values["minDuration"] = ["0", String(quartile), String(median), "100ms", "1s", "1h", "fast", nil]
        plan.values["maxDuration"] = ["0", String(quartile), String(median), "100ms", "1s", "1h", "slow", nil]
        plan.values["tags"] =
            tagJSON + [
                #"{"no.such.key":"x"}"#, "{not json", "[]",
                "{" + facts.tagsOfOneSpan.map { #""\#(jsonEscaped($0.key))":"\#(jsonEscaped($0.value))""# }.joined(separator: ",") + "}",
                nil
            ]
        plan.values["tag"] =
            facts.tags.map { "\($0.key):\($0.value)" } + [
                facts.tagsOfOneSpan.map { "\($0.key):\($0.value)" }.joined(separator: "\n"), "no-colon", ":v", nil
            ]
        plan.values["limit"] = ["1", "2", "5", "1000", "0", "1001", nil]
        plan.values["durationScope"] = ["trace", "span", "both", nil]
        plan.values["sort"] = ["recent", "duration", "errors", "spans", "random", nil]
        plan.values["error"] = ["true", "false", "maybe", nil]
        plan.values["correlationId"] = facts.correlationIDs + ["no-such-correlation", nil]
        plan.values["format"] = ["jaeger", "otlp", "xml", nil]
        // The trace search answers whole traces, up to megabytes each: it tries a dozen of each list, and the
        // summaries (the same search, answered as summaries) try them all and the combinations. `tag` reaches the
        // store as `tags` does (one parser reads both), so a dozen of its values are enough everywhere.
        for name in ["tags", "correlationId"] { plan.values["/api/traces \(name)"] = Array(plan.values[name]!.suffix(12)) }
        plan.values["tag"] = Array(plan.values["tag"]!.suffix(12))
        plan.values["/api/traces/{traceID} traceID"] =
            traceIDs + facts.logTraceIDs + [
                shortened(traceIDs.first ?? ""), String(repeating: "f", count: 32), "not-hex"
            ]
        plan.values["/api/services/{service}/operations service"] = facts.services + ["no such service"]
        plan.values["/api/correlations/{id} id"] = facts.correlationIDs + ["no-such-correlation", String(repeating: "x", count: 257)]
        plan.values["/api/correlations/{id} limit"] = ["1", "2", "5000", "0", nil]
        plan.values["/api/logs traceID"] = traceIDs + facts.logTraceIDs + [String(repeating: "f", count: 32), "not-hex", nil]
        plan.values["spanID"] = facts.logSpanIDs + facts.spans.prefix(6).map(\.span) + ["ffffffffffffffff", "short", nil]
        plan.values["/api/logs service"] = facts.logServices + facts.services + ["no-such-service", nil]
        plan.values["minSeverity"] = ["1", "5", "9", "13", "17", "21", "24", "warn", "ERROR", "25", "loud", nil]
        plan.values["q"] = facts.logWords + facts.logWords.prefix(3).map { $0.uppercased() } + ["no such text", "e", nil]
        plan.values["/api/logs limit"] = ["1", "3", "5000", "0", "5001", nil]
        plan.values["endTs"] = [String((last + 1000) / 1000), String(middle / 1000), "soon", nil]
        plan.values["/api/dependencies lookback"] = [
            String((nowMicros - first) / 1000 + 86_400_000), String((last - first) / 2000), "0", "1h", nil
        ]
        plan.values["step"] = ["1m", "2m", "1h", "30s", "often", nil]

        // api_v3
        let v3Window: [String: String] = ["query.startTimeMin": rfc3339(first - 1), "query.startTimeMax": rfc3339(last + 1)]
        plan.values["query.serviceName"] = facts.services + ["no-such-service", nil]
        plan.values["query.service_name"] = facts.services.prefix(2).map(Optional.some) + ["no-such-service", nil]
        plan.values["query.operationName"] = operationNames + ["no-such-operation", nil]
        plan.values["query.operation_name"] = operationNames.prefix(2).map(Optional.some) + [nil]
        plan.values["query.startTimeMin"] = [rfc3339(first - 1), rfc3339(middle), rfc3339(last + 1), "2026-13-01T00:00:00Z", nil]
        plan.values["query.start_time_min"] = [rfc3339(middle), "noon", nil]
        plan.values["query.startTimeMax"] = [rfc3339(last + 1), rfc3339(middle), rfc3339(first - 1), "later", nil]
        plan.values["query.start_time_max"] = [rfc3339(middle), nil]
        plan.values["query.durationMin"] = ["0", "\(quartile)us", "\(median)us", "100ms", "1h", "10", nil]
        plan.values["query.duration_min"] = ["\(median)us", nil]
        plan.values["query.durationMax"] = ["0", "\(quartile)us", "\(median)us", "100ms", "1h", "1d", nil]
        plan.values["query.duration_max"] = ["\(median)us", nil]
        plan.values["query.searchDepth"] = ["1", "2", "5", "1000", "0", nil]
        plan.values["query.search_depth"] = ["2", nil]
        plan.values["query.num_traces"] = ["3", nil]
        plan.values["query.attributes"] = tagJSON + [#"{"http.response.status_code":500}"#, "{not json", nil]
        plan.values["query.attributes"] = Array(plan.values["query.attributes"]!.suffix(12))  // as `tags` (tried in full) in the store
        plan.values["query.rawTraces"] = ["true", "false", "sometimes", nil]
        plan.values["query.raw_traces"] = ["true", nil]
        plan.values["/api/v3/operations spanKind"] = ["server", "client", "producer", "consumer", "internal", "unspecified", nil]
        plan.values["span_kind"] = ["server", "client", nil]
        plan.values["/api/v3/traces/{traceID} traceID"] =
            traceIDs + [
                shortened(traceIDs.first ?? ""), base64(traceIDs.first ?? ""), String(repeating: "f", count: 32), "not-an-id"
            ]
        plan.values["startTime"] = [rfc3339(first), "2026-02-30T00:00:00Z", nil]
        plan.values["start_time"] = [rfc3339(first), nil]
        plan.values["endTime"] = [rfc3339(last), rfc3339(first - 1_000_000), nil]
        plan.values["end_time"] = [rfc3339(last), nil]
        plan.values["rawTraces"] = ["true", "no", nil]
        plan.values["raw_traces"] = ["false", nil]

        let window = ["start": String(first - 1), "end": String(last + 1)]
        let someService = facts.operations.first?.service ?? "no-such-service"
        let someOperation = facts.operations.first?.name ?? "no-such-operation"
        plan.base = [
            "/api/services/{service}/operations": ["service": someService],
            "/api/operations": ["service": someService],
            "/api/traces/{traceID}": ["traceID": traceIDs.first ?? "1"],
            // Whole traces are large: five per answer, unless a request tries the limit itself.
            "/api/traces": window.merging(["limit": "5"]) { $1 },
            "/api/trace-summaries": window,
            "/api/dependencies": ["endTs": String((last + 1000) / 1000), "lookback": String((last - first) / 1000 + 2000)],
            "/api/latency": window,
            "/api/latency/histogram": window.merging(["service": someService, "operation": someOperation]) { $1 },
            "/api/logs": ["start": String(first - 1)],
            "/api/correlations/{id}": ["id": facts.correlationIDs.first ?? "none"],
            "/api/v3/operations": ["service": someService],
            "/api/v3/traces/{traceID}": ["traceID": traceIDs.first ?? "1"],
            "/api/v3/traces": v3Window.merging(["query.searchDepth": "5"]) { $1 },
            "/api/v3/trace-summaries": v3Window
        ]

        let kinds = facts.operations.map { [$0.service, $0.name, $0.kind.isEmpty ? "unspecified" : $0.kind] as [String?] }
        plan.tuples = [
            (["service", "operation"], facts.operations.map { [$0.service, $0.name] }),
            (["service", "spanKind"], kinds.map { [$0[0], $0[2]] }),
            (["service", "operation", "spanKind"], kinds),
            (["query.serviceName", "query.operationName"], facts.operations.map { [$0.service, $0.name] }),
            (["traceID", "spanID"], facts.spans.map { [$0.trace, $0.span] }),
            (["service", "tags"], facts.services.flatMap { service in tagJSON.prefix(6).map { [service, $0] } }),
            (["traceID", "limit"], traceIDs.prefix(6).flatMap { trace in ["1", "3"].map { [trace, $0] } }),
            (["id", "limit"], facts.correlationIDs.prefix(6).flatMap { id in ["1", "2", "0"].map { [id, $0] } })
        ]
        let search = [
            ["sort", "limit"], ["sort", "error"], ["minDuration", "maxDuration"], ["durationScope", "minDuration"],
            ["durationScope", "maxDuration"], ["service", "minDuration"], ["service", "error"],
            ["start", "end"], ["lookback", "end"]
        ]
        let v3Search = [
            ["query.durationMin", "query.durationMax"], ["durationScope", "query.durationMin"],
            ["query.serviceName", "query.searchDepth"], ["query.startTimeMin", "query.startTimeMax"]
        ]
        plan.crossed = [
            "/api/trace-summaries": search + [["correlationId", "sort"]],
            "/api/traces/{traceID}": [["traceID", "format"]],
            "/api/latency": [["service", "step"], ["start", "end"], ["lookback", "step"]],
            "/api/latency/histogram": [["start", "end"]],
            "/api/logs": [["service", "minSeverity"], ["q", "service"], ["correlationId", "limit"], ["start", "end"]],
            "/api/dependencies": [["endTs", "lookback"]],
            "/api/v3/trace-summaries": v3Search,
            "/api/v3/operations": [["service", "spanKind"]]
        ]
        return plan
    }

    private static func jsonEscaped(_ text: String) -> String {
        text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
    }

    /// A trace id without its leading zeros, as Jaeger accepts it.
    private static func shortened(_ hex: String) -> String {
        let trimmed = String(hex.drop { $0 == "0" })
        return trimmed.isEmpty ? "0" : trimmed
    }

    private static func base64(_ hex: String) -> String {
        var bytes: [UInt8] = []
        var index = hex.startIndex
        while index < hex.endIndex, let next = hex.index(index, offsetBy: 2, limitedBy: hex.endIndex) {
            bytes.append(UInt8(hex[index..<next], radix: 16) ?? 0)
            index = next
        }
        return Data(bytes).base64EncodedString()
    }

    /// RFC 3339 with microseconds, in UTC.
    private static func rfc3339(_ micros: Int64) -> String {
        let seconds = micros.quotientAndRemainder(dividingBy: 1_000_000)
        let formatter = ISO8601DateFormatter()
        formatter.timeZone = TimeZone(identifier: "UTC")
        let whole = formatter.string(from: Date(timeIntervalSince1970: TimeInterval(seconds.quotient))).dropLast()
        return whole + "." + String(format: "%06lld", seconds.remainder) + "Z"
    }
}
