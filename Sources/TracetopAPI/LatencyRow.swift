import JSONToolkit
import TraceModel

/// One row of `GET /api/latency`: a service and operation's percentiles (µs) and rates, and with `step` a
/// series of the same figures per step.
package struct LatencyRow: Hashable, Sendable {
    /// One step of the series.
    package struct Bucket: Hashable, Sendable {
        /// Microseconds since the epoch.
        package var start: Int64
        package var count: Int
        package var errorCount: Int?
        package var errorRate: Double?
        package var p50: Int64?
        package var p75: Int64?
        package var p90: Int64?
        package var p95: Int64?
        package var p99: Int64?
        package var max: Int64?

        package init(
            start: Int64, count: Int, errorCount: Int? = 0, errorRate: Double? = nil, p50: Int64? = nil, p75: Int64? = nil,
            p90: Int64? = nil, p95: Int64? = nil, p99: Int64? = nil, max: Int64? = nil
        ) {
            self.start = start
            self.count = count
            self.errorCount = errorCount
            self.errorRate = errorRate
            self.p50 = p50
            self.p75 = p75
            self.p90 = p90
            self.p95 = p95
            self.p99 = p99
            self.max = max
        }

        package init(json: JSONValue, path: String) throws(APIShapeError) {
            let fields = try JSONFields(json, path: path)
            self.init(
                start: fields.integer("start"), count: fields.int("count"), errorCount: fields.optionalInt("errorCount"),
                errorRate: fields.object["errorRate"] == nil ? nil : fields.double("errorRate"), p50: fields.optionalInteger("p50"),
                p75: fields.optionalInteger("p75"), p90: fields.optionalInteger("p90"), p95: fields.optionalInteger("p95"),
                p99: fields.optionalInteger("p99"), max: fields.optionalInteger("max"))
        }

        package func write(to writer: inout JSONWriter) {
            writer.beginObject()
            writer.key("start")
            writer.number(start)
            writer.key("count")
            writer.number(count)
            if let errorCount {
                writer.key("errorCount")
                writer.number(errorCount)
            }
            if let errorRate {
                writer.key("errorRate")
                writer.double(errorRate)
            }
            writer.percentiles(p50: p50, p75: p75, p90: p90, p95: p95, p99: p99, max: max)
            writer.endObject()
        }
    }

    package var service: String
    package var operation: String
    package var spanKind: String?
    package var count: Int
    package var ratePerSecond: Double
    package var errorCount: Int
    package var errorRate: Double
    package var p50: Int64
    package var p75: Int64?
    package var p90: Int64?
    package var p95: Int64
    package var p99: Int64
    package var max: Int64?
    package var series: [Bucket]?

    package init(
        service: String, operation: String, spanKind: String? = "server", count: Int, ratePerSecond: Double,
        errorCount: Int, errorRate: Double, p50: Int64, p75: Int64? = nil, p90: Int64? = nil, p95: Int64, p99: Int64, max: Int64? = nil,
        series: [Bucket]? = nil
    ) {
        self.service = service
        self.operation = operation
        self.spanKind = spanKind
        self.count = count
        self.ratePerSecond = ratePerSecond
        self.errorCount = errorCount
        self.errorRate = errorRate
        self.p50 = p50
        self.p75 = p75
        self.p90 = p90
        self.p95 = p95
        self.p99 = p99
        self.max = max
        self.series = series
    }

    package init(json: JSONValue, path: String) throws(APIShapeError) {
        let fields = try JSONFields(json, path: path)
        var spanKind: String?
        if case .string(let kind)? = fields.object["spanKind"] { spanKind = kind }
        self.init(
            service: fields.string("service"), operation: fields.string("operation"), spanKind: spanKind, count: fields.int("count"),
            ratePerSecond: fields.double("ratePerSecond"), errorCount: fields.int("errorCount"), errorRate: fields.double("errorRate"),
            p50: fields.integer("p50"), p75: fields.optionalInteger("p75"), p90: fields.optionalInteger("p90"), p95: fields.integer("p95"),
            p99: fields.integer("p99"), max: fields.optionalInteger("max"),
            series: try fields.objects("series", Bucket.init(json:path:)))
    }

    package func write(to writer: inout JSONWriter) {
        writer.beginObject()
        writer.key("service")
        writer.string(service)
        writer.key("operation")
        writer.string(operation)
        if let spanKind {
            writer.key("spanKind")
            writer.string(spanKind)
        }
        writer.key("count")
        writer.number(count)
        writer.key("ratePerSecond")
        writer.double(ratePerSecond)
        writer.key("errorCount")
        writer.number(errorCount)
        writer.key("errorRate")
        writer.double(errorRate)
        writer.percentiles(p50: p50, p75: p75, p90: p90, p95: p95, p99: p99, max: max)
        if let series {
            writer.key("series")
            writer.beginArray()
            for bucket in series { bucket.write(to: &writer) }
            writer.endArray()
        }
        writer.endObject()
    }
}

extension JSONWriter {
    /// `"p50":…,…,"max":…` inside an open object, each only when known.
    mutating func percentiles(p50: Int64?, p75: Int64?, p90: Int64?, p95: Int64?, p99: Int64?, max: Int64?) {
        for (name, value) in [("p50", p50), ("p75", p75), ("p90", p90), ("p95", p95), ("p99", p99), ("max", max)] {
            guard let value else { continue }
            key(name)
            number(value)
        }
    }
}
