import JSONToolkit
import TraceModel

/// `GET /api/correlations/{id}`: every trace and log line sharing one correlation id.
package struct Correlation: Hashable, Sendable {
    package var correlationId: String
    package var traces: [TraceSummaryRow]
    package var logs: [LogLine]

    package init(correlationId: String, traces: [TraceSummaryRow], logs: [LogLine]) {
        self.correlationId = correlationId
        self.traces = traces
        self.logs = logs
    }

    package init(json: JSONValue, path: String) throws(APIShapeError) {
        let fields = try JSONFields(json, path: path)
        self.init(
            correlationId: fields.string("correlationId"),
            traces: try fields.objects("traces", TraceSummaryRow.init(json:path:)) ?? [],
            logs: try fields.objects("logs", LogLine.init(json:path:)) ?? [])
    }

    package func write(to writer: inout JSONWriter) {
        writer.beginObject()
        writer.key("correlationId")
        writer.string(correlationId)
        writer.key("traces")
        writer.beginArray()
        for trace in traces { trace.write(to: &writer) }
        writer.endArray()
        writer.key("logs")
        writer.beginArray()
        for log in logs { log.write(to: &writer) }
        writer.endArray()
        writer.endObject()
    }
}
