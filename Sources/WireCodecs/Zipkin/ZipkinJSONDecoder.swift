import JSONToolkit
import TraceModel

/// Reads a Zipkin v2 JSON body (`[{"traceId": …, "id": …, …}, …]`, zipkin2-api.yaml) into `ZipkinSpan`s.
/// Zipkin bodies are small and come from legacy senders, so the generic `JSONValue` tree is used rather than
/// a pull decoder like OTLP's. A malformed span fails the whole request, as it does on a Zipkin server; the
/// error names the span by its index and the field (`spans[3].traceId: …`).
enum ZipkinJSONDecoder {
    static func decode(_ bytes: UnsafeRawBufferPointer) throws(OTLPDecodingError) -> [ZipkinSpan] {
        var spans: [ZipkinSpan] = []
        for (index, element) in try elements(bytes).enumerated() {
            spans.append(try span(element, path: "spans[\(index)]"))
        }
        return spans
    }

    /// The body's list (v1 and v2 alike); an empty body is an empty list, as Zipkin answers 202 to it.
    static func elements(_ bytes: UnsafeRawBufferPointer) throws(OTLPDecodingError) -> [JSONValue] {
        guard bytes.contains(where: { !Self.isWhitespace($0) }) else { return [] }
        let document: JSONValue
        do {
            document = try JSONValue.parse(bytes)
        } catch {
            throw OTLPDecodingError("zipkin: \(error)")
        }
        guard case .array(let elements) = document else {
            throw OTLPDecodingError("zipkin: the body must be a JSON array of spans, got \(Self.describe(document))")
        }
        return elements
    }

    /// The ids every span has, from a span object.
    static func ids(_ object: JSONObject, path: String) throws(OTLPDecodingError) -> ZipkinSpan {
        guard let traceText = try string(object["traceId"], "\(path).traceId") else {
            throw ZipkinSpan.problem("\(path).traceId", "is required")
        }
        guard let idText = try string(object["id"], "\(path).id") else { throw ZipkinSpan.problem("\(path).id", "is required") }
        var span = ZipkinSpan(
            traceID: try ZipkinIDs.traceID(hex: traceText, path: "\(path).traceId"),
            id: try ZipkinIDs.spanID(hex: idText, path: "\(path).id"))
        if let parent = try string(object["parentId"], "\(path).parentId"), !parent.isEmpty {
            let id = try ZipkinIDs.spanID(hex: parent, path: "\(path).parentId", zeroAllowed: true)
            span.parentID = id.isValid ? id : nil
        }
        span.name = try string(object["name"], "\(path).name") ?? ""
        span.debug = try bool(object["debug"], "\(path).debug")
        return span
    }

    private static func span(_ value: JSONValue, path: String) throws(OTLPDecodingError) -> ZipkinSpan {
        guard case .object(let object) = value else { throw ZipkinSpan.problem(path, "must be an object, got \(describe(value))") }
        var span = try ids(object, path: path)
        if let kind = try string(object["kind"], "\(path).kind") { span.kind = try ZipkinIDs.kind(kind, path: "\(path).kind") }
        span.timestampMicros = try micros(object["timestamp"], "\(path).timestamp")
        span.durationMicros = try micros(object["duration"], "\(path).duration")
        span.localEndpoint = try endpoint(object["localEndpoint"], "\(path).localEndpoint")
        span.remoteEndpoint = try endpoint(object["remoteEndpoint"], "\(path).remoteEndpoint")
        span.annotations = try annotations(object["annotations"], "\(path).annotations")
        span.tags = try tags(object["tags"], "\(path).tags")
        span.shared = try bool(object["shared"], "\(path).shared")
        return span
    }

    static func endpoint(_ value: JSONValue?, _ path: String) throws(OTLPDecodingError) -> ZipkinEndpoint? {
        guard let value, value != .null else { return nil }
        guard case .object(let object) = value else { throw ZipkinSpan.problem(path, "must be an object, got \(describe(value))") }
        var endpoint = ZipkinEndpoint()
        endpoint.serviceName = try string(object["serviceName"], "\(path).serviceName")
        endpoint.ipv4 = try string(object["ipv4"], "\(path).ipv4")
        endpoint.ipv6 = try string(object["ipv6"], "\(path).ipv6")
        if let port = object["port"], port != .null {
            guard case .number(let number) = port, let value = number.int64Value, (0...65535).contains(value) else {
                throw ZipkinSpan.problem("\(path).port", "must be a port number from 0 to 65535, got \(describe(port))")
            }
            endpoint.port = value == 0 ? nil : Int(value)
        }
        return endpoint
    }

    private static func annotations(_ value: JSONValue?, _ path: String) throws(OTLPDecodingError) -> [ZipkinAnnotation] {
        guard let value, value != .null else { return [] }
        guard case .array(let elements) = value else { throw ZipkinSpan.problem(path, "must be an array, got \(describe(value))") }
        var annotations: [ZipkinAnnotation] = []
        for (index, element) in elements.enumerated() {
            let itemPath = "\(path)[\(index)]"
            guard case .object(let object) = element else {
                throw ZipkinSpan.problem(itemPath, "must be an object, got \(describe(element))")
            }
            guard let time = try micros(object["timestamp"], "\(itemPath).timestamp") else {
                throw ZipkinSpan.problem("\(itemPath).timestamp", "is required")
            }
            guard let text = try string(object["value"], "\(itemPath).value") else {
                throw ZipkinSpan.problem("\(itemPath).value", "is required")
            }
            annotations.append(ZipkinAnnotation(timestampMicros: time, value: text))
        }
        return annotations
    }

    /// Zipkin's tags are strings; numbers and booleans are taken as their literal text (some senders write
    /// `"http.status_code": 200`), `null` is skipped.
    private static func tags(_ value: JSONValue?, _ path: String) throws(OTLPDecodingError) -> [(key: String, value: String)] {
        guard let value, value != .null else { return [] }
        guard case .object(let object) = value else {
            throw ZipkinSpan.problem(path, "must be an object of strings, got \(describe(value))")
        }
        var tags: [(key: String, value: String)] = []
        tags.reserveCapacity(object.members.count)
        for member in object.members {
            if let text = try text(member.value, "\(path).\(member.key)") { tags.append((member.key, text)) }
        }
        return tags
    }

    /// A tag's value: a string, or a number's or boolean's literal text; nil for `null`.
    static func text(_ value: JSONValue, _ path: String) throws(OTLPDecodingError) -> String? {
        switch value {
        case .string(let text): return text
        case .number(let number): return number.text
        case .bool(let flag): return flag ? "true" : "false"
        case .null: return nil
        default: throw ZipkinSpan.problem(path, "must be a string, got \(describe(value))")
        }
    }

    static func string(_ value: JSONValue?, _ path: String) throws(OTLPDecodingError) -> String? {
        switch value {
        case nil, .null?: return nil
        case .string(let text)?: return text
        case let other?: throw ZipkinSpan.problem(path, "must be a string, got \(describe(other))")
        }
    }

    static func micros(_ value: JSONValue?, _ path: String) throws(OTLPDecodingError) -> UInt64? {
        switch value {
        case nil, .null?: return nil
        case .number(let number)?:
            guard let micros = number.uint64Value else {
                throw ZipkinSpan.problem(path, "must be a whole, non-negative number of microseconds, got \(number.text)")
            }
            // 0 is what some senders write for "not known".
            return micros == 0 ? nil : micros
        case let other?: throw ZipkinSpan.problem(path, "must be a number of microseconds, got \(describe(other))")
        }
    }

    static func bool(_ value: JSONValue?, _ path: String) throws(OTLPDecodingError) -> Bool {
        switch value {
        case nil, .null?: return false
        case .bool(let flag)?: return flag
        case let other?: throw ZipkinSpan.problem(path, "must be true or false, got \(describe(other))")
        }
    }

    static func describe(_ value: JSONValue) -> String {
        switch value {
        case .null: return "null"
        case .bool(let flag): return flag ? "true" : "false"
        case .number(let number): return "the number \(number.text)"
        case .string(let text): return "the string \"\(text.prefix(40))\(text.count > 40 ? "…" : "")\""
        case .array: return "an array"
        case .object: return "an object"
        }
    }

    private static func isWhitespace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09
    }
}
