import JSONToolkit
import TraceModel
import TraceStore

/// The lists of names the query APIs answer (v1 and api_v3): services, and operations with their span kinds.
/// tracetop's own shapes (summaries, logs, latency, correlations, dependencies) are in TracetopAPI.
enum ResultJSON {
    static func strings(_ values: [String], to writer: inout JSONWriter) {
        writer.beginArray()
        for value in values { writer.string(value) }
        writer.endArray()
    }

    /// `[{"name","spanKind"}]`; v1 writes an unspecified kind as "", api_v3 as "internal" (as Jaeger does each).
    static func operations(_ operations: [OperationName], unspecifiedKind: String, to writer: inout JSONWriter) {
        writer.beginArray()
        for operation in operations {
            writer.beginObject()
            writer.key("name")
            writer.string(operation.name)
            writer.key("spanKind")
            writer.string(operation.kind == .unspecified ? unspecifiedKind : operation.kind.shortName)
            writer.endObject()
        }
        writer.endArray()
    }
}
