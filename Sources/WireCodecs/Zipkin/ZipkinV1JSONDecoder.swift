import JSONToolkit

/// Zipkin's v1 JSON (`POST /api/v1/spans`, openzipkin/zipkin-api `zipkin-api.yaml`), which older tracers still
/// send: one span per RPC holding both sides, told apart by core annotations (`cs`/`cr` client, `sr`/`ss` server,
/// `ms`/`mr` messaging) and binary annotations (`sa`/`ca`/`ma` addresses, the rest tags). It is turned into v2
/// spans the way Zipkin's own V1SpanConverter does: an RPC with both sides becomes a client span and a shared
/// server span (which `ZipkinSharedSpans` then separates), and each annotation goes to the side whose service
/// wrote it. Then it is mapped exactly like v2.
enum ZipkinV1JSONDecoder {
    private struct Annotation {
        var timestamp: UInt64
        var value: String
        var endpoint: ZipkinEndpoint?
    }

    private struct BinaryAnnotation {
        var key: String
        var value: String
        var endpoint: ZipkinEndpoint?
    }

    private static let coreAnnotations: Set<String> = ["cs", "cr", "sr", "ss", "ms", "mr"]

    static func decode(_ bytes: UnsafeRawBufferPointer) throws(OTLPDecodingError) -> [ZipkinSpan] {
        typealias V2 = ZipkinJSONDecoder
        var spans: [ZipkinSpan] = []
        for (index, element) in try V2.elements(bytes).enumerated() {
            let path = "spans[\(index)]"
            guard case .object(let object) = element else {
                throw ZipkinSpan.problem(path, "must be an object, got \(V2.describe(element))")
            }
            var base = try V2.ids(object, path: path)
            base.timestampMicros = try V2.micros(object["timestamp"], "\(path).timestamp")
            base.durationMicros = try V2.micros(object["duration"], "\(path).duration")
            var annotations: [Annotation] = []
            for (item, value) in try list(object["annotations"], "\(path).annotations") {
                let itemPath = "\(path).annotations[\(item)]"
                guard let time = try V2.micros(value["timestamp"], "\(itemPath).timestamp") else {
                    throw ZipkinSpan.problem("\(itemPath).timestamp", "is required")
                }
                guard let text = try V2.string(value["value"], "\(itemPath).value") else {
                    throw ZipkinSpan.problem("\(itemPath).value", "is required")
                }
                annotations.append(
                    Annotation(timestamp: time, value: text, endpoint: try V2.endpoint(value["endpoint"], "\(itemPath).endpoint")))
            }
            var binary: [BinaryAnnotation] = []
            for (item, value) in try list(object["binaryAnnotations"], "\(path).binaryAnnotations") {
                let itemPath = "\(path).binaryAnnotations[\(item)]"
                guard let key = try V2.string(value["key"], "\(itemPath).key") else {
                    throw ZipkinSpan.problem("\(itemPath).key", "is required")
                }
                guard let text = try value["value"].flatMap({ value throws(OTLPDecodingError) in try V2.text(value, "\(itemPath).value") })
                else { continue }
                binary.append(BinaryAnnotation(key: key, value: text, endpoint: try V2.endpoint(value["endpoint"], "\(itemPath).endpoint")))
            }
            spans += convert(base, annotations, binary)
        }
        return spans
    }

    private static func list(_ value: JSONValue?, _ path: String) throws(OTLPDecodingError) -> [(Int, JSONObject)] {
        guard let value, value != .null else { return [] }
        guard case .array(let elements) = value else {
            throw ZipkinSpan.problem(path, "must be an array, got \(ZipkinJSONDecoder.describe(value))")
        }
        var objects: [(Int, JSONObject)] = []
        for (index, element) in elements.enumerated() {
            guard case .object(let object) = element else {
                throw ZipkinSpan.problem("\(path)[\(index)]", "must be an object, got \(ZipkinJSONDecoder.describe(element))")
            }
            objects.append((index, object))
        }
        return objects
    }

    private static func convert(_ base: ZipkinSpan, _ annotations: [Annotation], _ binary: [BinaryAnnotation]) -> [ZipkinSpan] {
        func core(_ value: String) -> Annotation? { annotations.first { $0.value == value } }
        func side(_ kind: ZipkinSpan.Kind, start: Annotation?, end: Annotation?) -> ZipkinSpan {
            var span = base
            span.kind = kind
            span.localEndpoint = (start ?? end)?.endpoint
            span.timestampMicros = start?.timestamp
            span.durationMicros = nil
            if let start, let end, end.timestamp > start.timestamp { span.durationMicros = end.timestamp - start.timestamp }
            return span
        }
        var sides: [ZipkinSpan] = []
        let cs = core("cs"), cr = core("cr"), sr = core("sr"), ss = core("ss")
        if cs != nil || cr != nil { sides.append(side(.client, start: cs, end: cr)) }
        if sr != nil || ss != nil {
            var server = side(.server, start: sr, end: ss)
            // The server half of the client's span, or a span the server did not start (v1 leaves its timestamp out).
            server.shared = !sides.isEmpty || base.timestampMicros == nil
            sides.append(server)
        }
        if let ms = core("ms") {
            sides.append(side(.producer, start: ms, end: nil))
        } else if let mr = core("mr") {
            sides.append(side(.consumer, start: mr, end: nil))
        }
        if sides.isEmpty {
            // A local span: its service is the one of its `lc` (local component) or of any annotation.
            var local = base
            local.localEndpoint = (binary.first { $0.key == "lc" }?.endpoint) ?? annotations.first?.endpoint ?? binary.first?.endpoint
            sides.append(local)
        }
        // The span's own timestamp and duration are those of the side that started it.
        if sides[0].timestampMicros == nil { sides[0].timestampMicros = base.timestampMicros }
        if sides[0].durationMicros == nil { sides[0].durationMicros = base.durationMicros }

        func owner(_ endpoint: ZipkinEndpoint?) -> Int {
            guard let service = endpoint?.serviceName else { return 0 }
            return sides.firstIndex { $0.localEndpoint?.serviceName == service } ?? 0
        }
        func index(of kinds: Set<ZipkinSpan.Kind?>) -> Int? { sides.firstIndex { kinds.contains($0.kind) } }
        for annotation in annotations where !coreAnnotations.contains(annotation.value) {
            sides[owner(annotation.endpoint)].annotations.append(
                ZipkinAnnotation(timestampMicros: annotation.timestamp, value: annotation.value))
        }
        for item in binary {
            switch item.key {
            case "sa": if let client = index(of: [.client]) { sides[client].remoteEndpoint = item.endpoint }
            case "ca": if let server = index(of: [.server]) { sides[server].remoteEndpoint = item.endpoint }
            case "ma": if let messaging = index(of: [.producer, .consumer]) { sides[messaging].remoteEndpoint = item.endpoint }
            default: sides[owner(item.endpoint)].tags.append((item.key, item.value))
            }
        }
        return sides
    }
}
