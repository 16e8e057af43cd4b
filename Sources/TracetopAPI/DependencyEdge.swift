import JSONToolkit
import TraceModel

/// One edge of `GET /api/dependencies`: calls from one service to another in the lookback.
package struct DependencyEdge: Hashable, Sendable {
    package var parent: String
    package var child: String
    package var callCount: Int
    /// Failed calls (the collector counts child spans with an error); nil when an API does not say.
    package var errorCount: Int?

    package init(parent: String, child: String, callCount: Int, errorCount: Int? = nil) {
        self.parent = parent
        self.child = child
        self.callCount = callCount
        self.errorCount = errorCount
    }

    package init(json: JSONValue, path: String) throws(APIShapeError) {
        let fields = try JSONFields(json, path: path)
        self.init(
            parent: fields.string("parent"), child: fields.string("child"), callCount: fields.int("callCount"),
            errorCount: fields.optionalInt("errorCount"))
    }

    package func write(to writer: inout JSONWriter) {
        writer.beginObject()
        writer.key("parent")
        writer.string(parent)
        writer.key("child")
        writer.string(child)
        writer.key("callCount")
        writer.number(callCount)
        if let errorCount {
            writer.key("errorCount")
            writer.number(errorCount)
        }
        writer.endObject()
    }
}
