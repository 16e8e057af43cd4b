import JSONToolkit
import TraceModel

/// The query API's envelope (Jaeger's): `{"data":…,"total":N,"limit":N,"offset":0,"errors":null|[{code,msg}]}`,
/// around every answer of `/api/…`.
package struct APIEnvelope: Hashable, Sendable {
    /// What a failed request says: the HTTP status and a message naming the problem.
    package struct APIError: Hashable, Sendable {
        package var code: Int
        package var msg: String

        package init(code: Int, msg: String) {
            self.code = code
            self.msg = msg
        }
    }

    /// The payload, read by the shape the request expects (nil when `null` or missing).
    package var data: JSONValue?
    package var total: Int
    package var limit: Int
    package var errors: [APIError]

    package init(data: JSONValue?, total: Int, limit: Int = 0, errors: [APIError] = []) {
        self.data = data
        self.total = total
        self.limit = limit
        self.errors = errors
    }

    // MARK: writer

    /// A successful answer; `writeData` writes the payload. `capacity`: the expected size, so a large answer is
    /// not copied as it grows.
    package static func write(total: Int, limit: Int = 0, capacity: Int = 4096, _ writeData: (inout JSONWriter) -> Void) -> [UInt8] {
        var writer = JSONWriter(capacity: capacity)
        writer.beginObject()
        writer.key("data")
        writeData(&writer)
        writer.key("total")
        writer.number(total)
        writer.key("limit")
        writer.number(limit)
        writer.key("offset")
        writer.number(0)
        writer.key("errors")
        writer.raw("null")
        writer.endObject()
        return writer.bytes
    }

    /// A failed answer: no data, one error.
    package static func write(_ error: APIError) -> [UInt8] {
        var writer = JSONWriter(capacity: 256)
        writer.beginObject()
        writer.key("data")
        writer.raw("null")
        writer.key("total")
        writer.number(0)
        writer.key("limit")
        writer.number(0)
        writer.key("offset")
        writer.number(0)
        writer.key("errors")
        writer.beginArray()
        writer.beginObject()
        writer.key("code")
        writer.number(error.code)
        writer.key("msg")
        writer.string(error.msg)
        writer.endObject()
        writer.endArray()
        writer.endObject()
        return writer.bytes
    }

    /// A list payload: `[item, …]`.
    package static func write<Item>(_ items: [Item], limit: Int = 0, _ writeItem: (Item, inout JSONWriter) -> Void) -> [UInt8] {
        write(total: items.count, limit: limit) { writer in
            writer.beginArray()
            for item in items { writeItem(item, &writer) }
            writer.endArray()
        }
    }

    // MARK: reader

    package init(bytes: UnsafeRawBufferPointer) throws(APIShapeError) {
        let value: JSONValue
        do { value = try JSONValue.parse(bytes) } catch { throw APIShapeError("not JSON: \(error)") }
        let fields = try JSONFields(value, path: "the answer")
        var data = fields.object["data"]
        if data == .null { data = nil }
        let errors = try fields.objects("errors") { value, path throws(APIShapeError) in
            let error = try JSONFields(value, path: path)
            return APIError(code: error.int("code"), msg: error.string("msg"))
        }
        self.init(data: data, total: fields.int("total"), limit: fields.int("limit"), errors: errors ?? [])
    }

    package init(bytes: [UInt8]) throws(APIShapeError) {
        let read = bytes.withUnsafeBytes { raw in Result { () throws(APIShapeError) in try APIEnvelope(bytes: raw) } }
        self = try read.get()
    }

    /// `data` as a list of one shape (none when `data` is null); an element of another shape is an error
    /// naming its path (`data[3].traceID`).
    package func list<Item>(_ read: (JSONValue, String) throws(APIShapeError) -> Item) throws(APIShapeError) -> [Item] {
        guard let data else { return [] }
        guard case .array(let values) = data else { throw APIShapeError("data is not an array") }
        var items: [Item] = []
        items.reserveCapacity(values.count)
        for (index, value) in values.enumerated() { items.append(try read(value, "data[\(index)]")) }
        return items
    }

    /// `data` as one object of a shape, nil when `data` is null.
    package func object<Item>(_ read: (JSONValue, String) throws(APIShapeError) -> Item) throws(APIShapeError) -> Item? {
        guard let data else { return nil }
        return try read(data, "data")
    }
}
