import JSONToolkit
import TraceModel

/// `GET /api/latency/histogram`: one operation's span counts per logarithmic duration bucket (`le` in µs).
package struct OperationHistogram: Hashable, Sendable {
    package struct Bucket: Hashable, Sendable {
        /// The bucket's upper bound, microseconds.
        package var le: Int64
        package var count: Int

        package init(le: Int64, count: Int) {
            self.le = le
            self.count = count
        }
    }

    package var service: String
    package var operation: String
    package var count: Int
    package var buckets: [Bucket]

    package init(service: String, operation: String, count: Int, buckets: [Bucket]) {
        self.service = service
        self.operation = operation
        self.count = count
        self.buckets = buckets
    }

    package init(json: JSONValue, path: String) throws(APIShapeError) {
        let fields = try JSONFields(json, path: path)
        let buckets = try fields.objects("buckets") { value, path throws(APIShapeError) in
            let bucket = try JSONFields(value, path: path)
            return Bucket(le: bucket.integer("le"), count: bucket.int("count"))
        }
        self.init(
            service: fields.string("service"), operation: fields.string("operation"), count: fields.int("count"), buckets: buckets ?? [])
    }

    package func write(to writer: inout JSONWriter) {
        writer.beginObject()
        writer.key("service")
        writer.string(service)
        writer.key("operation")
        writer.string(operation)
        writer.key("count")
        writer.number(count)
        writer.key("buckets")
        writer.beginArray()
        for bucket in buckets {
            writer.beginObject()
            writer.key("le")
            writer.number(bucket.le)
            writer.key("count")
            writer.number(bucket.count)
            writer.endObject()
        }
        writer.endArray()
        writer.endObject()
    }
}
