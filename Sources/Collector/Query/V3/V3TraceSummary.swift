import JSONToolkit
import TraceModel
import TraceStore
import WireCodecs

/// A trace summary as Jaeger's `FindTraceSummaries` computes it (`querysvc/summary.go`), from the trace's spans:
/// root = the earliest span without a parent; orphans = spans whose parent is not in the trace; services sorted
/// by name. An error span is one the collector counts as an error everywhere else (status ERROR, or an HTTP
/// failure status while the status is unset: `SpanErrorRule`), so the counts agree with v1's summaries.
/// Written as proto3 JSON: `minStartTimeUnixNano`/`maxEndTimeUnixNano` are fixed64, so strings;
/// the counts are int32, so numbers; zero values are left out.
struct V3TraceSummary {
    struct Service {
        var name: String
        var spanCount = 0
        var errorSpanCount = 0
    }

    var traceID: TraceID
    var rootServiceName = ""
    var rootOperationName = ""
    var minStartTimeUnixNano: UInt64 = 0
    var maxEndTimeUnixNano: UInt64 = 0
    var spanCount = 0
    var errorSpanCount = 0
    var orphanSpanCount = 0
    var services: [Service] = []

    init(_ spans: [SpanRecord]) {
        traceID = spans.first?.span.traceID ?? TraceID(high: 0, low: 0)
        let spanIDs = Set(spans.map(\.span.spanID))
        var byService: [String: Service] = [:]
        var rootStart: UInt64?
        for record in spans {
            let span = record.span
            let name = record.serviceName
            byService[name, default: Service(name: name)].spanCount += 1
            spanCount += 1
            if record.isError {
                byService[name, default: Service(name: name)].errorSpanCount += 1
                errorSpanCount += 1
            }
            if spanCount == 1 || span.startTimeUnixNano < minStartTimeUnixNano { minStartTimeUnixNano = span.startTimeUnixNano }
            maxEndTimeUnixNano = max(maxEndTimeUnixNano, span.endTimeUnixNano)
            if let parent = span.parentSpanID {
                if !spanIDs.contains(parent) { orphanSpanCount += 1 }
            } else if rootStart.map({ span.startTimeUnixNano < $0 }) ?? true {
                rootStart = span.startTimeUnixNano
                rootServiceName = name
                rootOperationName = span.name
            }
        }
        services = byService.values.sorted { $0.name < $1.name }
    }

    func write(to writer: inout JSONWriter) {
        writer.beginObject()
        writer.key("traceId")
        writer.string(traceID)
        if !rootServiceName.isEmpty {
            writer.key("rootServiceName")
            writer.string(rootServiceName)
        }
        if !rootOperationName.isEmpty {
            writer.key("rootOperationName")
            writer.string(rootOperationName)
        }
        writer.key("minStartTimeUnixNano")
        writer.quotedNumber(minStartTimeUnixNano)
        writer.key("maxEndTimeUnixNano")
        writer.quotedNumber(maxEndTimeUnixNano)
        writer.key("spanCount")
        writer.number(spanCount)
        if errorSpanCount > 0 {
            writer.key("errorSpanCount")
            writer.number(errorSpanCount)
        }
        if orphanSpanCount > 0 {
            writer.key("orphanSpanCount")
            writer.number(orphanSpanCount)
        }
        writer.key("services")
        writer.beginArray()
        for service in services {
            writer.beginObject()
            writer.key("name")
            writer.string(service.name)
            writer.key("spanCount")
            writer.number(service.spanCount)
            if service.errorSpanCount > 0 {
                writer.key("errorSpanCount")
                writer.number(service.errorSpanCount)
            }
            writer.endObject()
        }
        writer.endArray()
        writer.endObject()
    }
}
