import Foundation
import JSONToolkit
import TraceModel

/// What a collector holds, read through its own query API: the names, ids, tags, words and times that the
/// differential test's parameters take, so every value it tries is one that finds something (plus a few that
/// find nothing and a few that are refused).
struct StoredFacts {
    struct Trace {
        var id: String
        var startMicros: Int64
        var durationMicros: Int64
        var correlationIDs: [String]
    }

    var services: [String] = []
    /// (service, operation, span kind as the API writes it; "" for unspecified).
    var operations: [(service: String, name: String, kind: String)] = []
    var traces: [Trace] = []
    /// Tag keys and values (as text), up to two values per key and 40 in all; from spans and processes.
    var tags: [(key: String, value: String)] = []
    /// Two tags of one span, for "all tags on one span".
    var tagsOfOneSpan: [(key: String, value: String)] = []
    /// (trace id, span id) of some spans, the first of each trace among them.
    var spans: [(trace: String, span: String)] = []
    var logServices: [String] = []
    var logTraceIDs: [String] = []
    var logSpanIDs: [String] = []
    var logWords: [String] = []
    var logCorrelationIDs: [String] = []
    /// The earliest and latest time anything happened, in microseconds.
    var firstMicros: Int64 = .max
    var lastMicros: Int64 = .min

    static func read(from base: String) async throws -> StoredFacts {
        var facts = StoredFacts()
        facts.services = try await data(base, "/api/services").strings
        for service in facts.services {
            for operation in try await data(base, "/api/operations?service=" + V3.escape(service)).elements {
                facts.operations.append((service, operation["name"]?.text ?? "", operation["spanKind"]?.text ?? ""))
            }
        }
        let everything = "start=0&end=\(Int64.max / 1000)&limit=1000"
        for summary in try await data(base, "/api/trace-summaries?" + everything).elements {
            let trace = Trace(
                id: summary["traceID"]?.text ?? "", startMicros: summary["startTime"]?.int ?? 0,
                durationMicros: summary["duration"]?.int ?? 0, correlationIDs: summary["correlationIds"]?.strings ?? [])
            facts.traces.append(trace)
            facts.firstMicros = min(facts.firstMicros, trace.startMicros)
            facts.lastMicros = max(facts.lastMicros, trace.startMicros + trace.durationMicros)
        }
        var values: [String: [String]] = [:]
        for trace in try await data(base, "/api/traces?" + everything).elements {
            var tagLists: [[JSONValue]] = []
            for span in trace["spans"]?.elements ?? [] {
                tagLists.append(span["tags"]?.array ?? [])
                if facts.spans.count < 24 && !facts.spans.contains(where: { $0.trace == trace["traceID"]?.text }) {
                    facts.spans.append((trace["traceID"]?.text ?? "", span["spanID"]?.text ?? ""))
                }
            }
            if case .object(let processes)? = trace["processes"] {
                for process in processes.members { tagLists.append(process.value["tags"]?.array ?? []) }
            }
            for tags in tagLists {
                let pairs = tags.compactMap { tag -> (String, String)? in
                    guard let key = tag["key"]?.text, let value = tag["value"]?.scalarText, value.count <= 80 else { return nil }
                    return (key, value)
                }
                for (key, value) in pairs where (values[key]?.count ?? 0) < 2 && values[key]?.contains(value) != true {
                    values[key, default: []].append(value)
                }
                if facts.tagsOfOneSpan.isEmpty, pairs.count >= 2 { facts.tagsOfOneSpan = [pairs[0], pairs[pairs.count - 1]] }
            }
        }
        facts.tags = Array(values.keys.sorted().flatMap { key in values[key]!.map { (key, $0) } }.prefix(40))
        var words = Set<String>()
        for log in try await data(base, "/api/logs?start=0&limit=5000").elements {
            if let service = log["service"]?.text, !facts.logServices.contains(service) { facts.logServices.append(service) }
            if let trace = log["traceID"]?.text, !trace.isEmpty, !facts.logTraceIDs.contains(trace) { facts.logTraceIDs.append(trace) }
            if let span = log["spanID"]?.text, !span.isEmpty, facts.logSpanIDs.count < 12, !facts.logSpanIDs.contains(span) {
                facts.logSpanIDs.append(span)
            }
            for id in log["correlationIds"]?.strings ?? [] where !facts.logCorrelationIDs.contains(id) {
                facts.logCorrelationIDs.append(id)
            }
            if let word = log["body"]?.text?.split(separator: " ").first, words.count < 12 { words.insert(String(word)) }
            let time = log["timestamp"]?.int ?? 0
            facts.firstMicros = min(facts.firstMicros, time)
            facts.lastMicros = max(facts.lastMicros, time)
        }
        facts.logWords = words.sorted()
        return facts
    }

    var correlationIDs: [String] { Array(Set(traces.flatMap(\.correlationIDs) + logCorrelationIDs)).sorted() }

    /// `data` of an envelope answer.
    private static func data(_ base: String, _ target: String) async throws -> JSONValue {
        let response = try await HTTP.get(base + target)
        guard response.status == 200, let data = try JSONValue.parse([UInt8](response.body))["data"] else {
            throw StoreError("\(target): \(response.status) \(response.text.prefix(200))")
        }
        return data
    }
}

extension JSONValue {
    subscript(key: String) -> JSONValue? {
        guard case .object(let object) = self else { return nil }
        return object[key]
    }

    var array: [JSONValue]? {
        guard case .array(let elements) = self else { return nil }
        return elements
    }

    var elements: [JSONValue] { array ?? [] }
    var strings: [String] { elements.compactMap(\.text) }

    var text: String? {
        guard case .string(let text) = self else { return nil }
        return text
    }

    var int: Int64? {
        guard case .number(let number) = self else { return nil }
        return number.int64Value
    }

    /// A tag value as a tag filter writes it: strings as they are, numbers and booleans in their JSON spelling.
    var scalarText: String? {
        switch self {
        case .string(let text): return text
        case .number(let number): return number.text
        case .bool(let flag): return flag ? "true" : "false"
        default: return nil
        }
    }
}
