import JSONToolkit
import TraceModel

/// One row of `GET /api/trace-summaries` (and of a correlation's traces). A new field is added here, in the
/// initialiser, the reader and the writer, side by side; the collector fills it from the store.
package struct TraceSummaryRow: Hashable, Sendable {
    package var traceID: String
    package var rootService: String
    package var rootOperation: String
    /// Microseconds since the epoch.
    package var startTime: Int64
    /// Microseconds.
    package var duration: Int64
    package var spanCount: Int
    package var errorCount: Int
    package var services: [String]
    package var correlationIds: [String]

    package init(
        traceID: String, rootService: String, rootOperation: String, startTime: Int64, duration: Int64,
        spanCount: Int, errorCount: Int = 0, services: [String] = [], correlationIds: [String] = []
    ) {
        self.traceID = traceID
        self.rootService = rootService
        self.rootOperation = rootOperation
        self.startTime = Micros.clamp(startTime)
        self.duration = Micros.clamp(duration)
        self.spanCount = spanCount
        self.errorCount = errorCount
        self.services = services
        self.correlationIds = correlationIds
    }

    /// Reader; `traceID` is required.
    package init(json: JSONValue, path: String) throws(APIShapeError) {
        let fields = try JSONFields(json, path: path)
        self.init(
            traceID: try fields.requiredString("traceID"), rootService: fields.string("rootService"),
            rootOperation: fields.string("rootOperation"), startTime: fields.integer("startTime"), duration: fields.integer("duration"),
            spanCount: fields.int("spanCount"), errorCount: fields.int("errorCount"), services: fields.strings("services"),
            correlationIds: fields.strings("correlationIds"))
    }

    package func write(to writer: inout JSONWriter) {
        writer.beginObject()
        writer.key("traceID")
        writer.string(traceID)
        writer.key("rootService")
        writer.string(rootService)
        writer.key("rootOperation")
        writer.string(rootOperation)
        writer.key("startTime")
        writer.number(startTime)
        writer.key("duration")
        writer.number(duration)
        writer.key("spanCount")
        writer.number(spanCount)
        writer.key("errorCount")
        writer.number(errorCount)
        writer.key("services")
        writer.strings(services)
        writer.key("correlationIds")
        writer.strings(correlationIds)
        writer.endObject()
    }
}
