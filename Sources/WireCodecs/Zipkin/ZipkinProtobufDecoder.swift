import TraceModel

/// Reads `zipkin.proto3.ListOfSpans` (openzipkin/zipkin-api `zipkin.proto`) with the project's own protobuf
/// reader, the one OTLP uses: bounds-checked, no copies of the body. Field numbers are those of zipkin.proto.
enum ZipkinProtobufDecoder {
    static func decode(_ bytes: UnsafeRawBufferPointer) throws(OTLPDecodingError) -> [ZipkinSpan] {
        var reader = ProtobufReader(bytes)
        var spans: [ZipkinSpan] = []
        while !reader.isAtEnd {
            let tag = try reader.readTag()
            guard tag.field == 1 else {
                try reader.skip(tag)
                continue
            }
            let path = "spans[\(spans.count)]"
            do {
                try reader.expect(tag, .lengthDelimited, "ListOfSpans.spans")
                var message = try reader.readMessage()
                spans.append(try message.decodeZipkinSpan(path: path))
            } catch {
                // The reader's errors say what and at which byte; this says which span.
                throw error.message.hasPrefix("zipkin:") ? error : OTLPDecodingError("zipkin: \(path): \(error.message)")
            }
        }
        return spans
    }
}

extension ProtobufReader {
    /// `zipkin.proto3.Span`: fields 1–13.
    fileprivate mutating func decodeZipkinSpan(path: String) throws(OTLPDecodingError) -> ZipkinSpan {
        var traceID: UnsafeRawBufferPointer?, id: UnsafeRawBufferPointer?, parentID: UnsafeRawBufferPointer?
        var kind: UInt64 = 0
        var span = ZipkinSpan(traceID: .zero, id: .zero)
        while !isAtEnd {
            let tag = try readTag()
            switch tag.field {
            case 1: try expect(tag, .lengthDelimited, "Span.trace_id"); traceID = try readBytes()
            case 2: try expect(tag, .lengthDelimited, "Span.parent_id"); parentID = try readBytes()
            case 3: try expect(tag, .lengthDelimited, "Span.id"); id = try readBytes()
            case 4: try expect(tag, .varint, "Span.kind"); kind = try readVarint()
            case 5: try expect(tag, .lengthDelimited, "Span.name"); span.name = try readString()
            case 6: try expect(tag, .fixed64, "Span.timestamp"); span.timestampMicros = try readFixed64()
            case 7: try expect(tag, .varint, "Span.duration"); span.durationMicros = try readVarint()
            case 8: try expect(tag, .lengthDelimited, "Span.local_endpoint"); span.localEndpoint = try readZipkinEndpoint()
            case 9: try expect(tag, .lengthDelimited, "Span.remote_endpoint"); span.remoteEndpoint = try readZipkinEndpoint()
            case 10:
                try expect(tag, .lengthDelimited, "Span.annotations");
                span.annotations.append(try readZipkinAnnotation(path: "\(path).annotations[\(span.annotations.count)]"))
            case 11: try expect(tag, .lengthDelimited, "Span.tags"); span.tags.append(try readZipkinTag())
            case 12: try expect(tag, .varint, "Span.debug"); span.debug = try readVarint() != 0
            case 13: try expect(tag, .varint, "Span.shared"); span.shared = try readVarint() != 0
            default: try skip(tag)
            }
        }
        guard let traceID, !traceID.isEmpty else { throw ZipkinSpan.problem("\(path).trace_id", "is required") }
        guard let id, !id.isEmpty else { throw ZipkinSpan.problem("\(path).id", "is required") }
        span.traceID = try ZipkinIDs.traceID(bytes: traceID, path: "\(path).trace_id")
        span.id = try ZipkinIDs.spanID(bytes: id, path: "\(path).id")
        if let parentID, !parentID.isEmpty {
            let parent = try ZipkinIDs.spanID(bytes: parentID, path: "\(path).parent_id", zeroAllowed: true)
            span.parentID = parent.isValid ? parent : nil
        }
        span.kind = try ZipkinIDs.kind(number: kind, path: "\(path).kind")
        // proto3 leaves zeros out: 0 is "not sent", as in JSON.
        if span.timestampMicros == 0 { span.timestampMicros = nil }
        if span.durationMicros == 0 { span.durationMicros = nil }
        return span
    }

    /// `Endpoint`: service_name 1, ipv4 2 (4 bytes), ipv6 3 (16 bytes), port 4.
    private mutating func readZipkinEndpoint() throws(OTLPDecodingError) -> ZipkinEndpoint {
        var message = try readMessage()
        var endpoint = ZipkinEndpoint()
        while !message.isAtEnd {
            let tag = try message.readTag()
            switch tag.field {
            case 1: try message.expect(tag, .lengthDelimited, "Endpoint.service_name"); endpoint.serviceName = try message.readString()
            case 2: try message.expect(tag, .lengthDelimited, "Endpoint.ipv4"); endpoint.ipv4 = ZipkinAddress.text(try message.readBytes())
            case 3: try message.expect(tag, .lengthDelimited, "Endpoint.ipv6"); endpoint.ipv6 = ZipkinAddress.text(try message.readBytes())
            case 4:
                try message.expect(tag, .varint, "Endpoint.port")
                let port = try message.readVarint()
                endpoint.port = (1...65535).contains(port) ? Int(port) : nil
            default: try message.skip(tag)
            }
        }
        return endpoint
    }

    /// `Annotation`: timestamp 1 (fixed64 µs), value 2.
    private mutating func readZipkinAnnotation(path: String) throws(OTLPDecodingError) -> ZipkinAnnotation {
        var message = try readMessage()
        var annotation = ZipkinAnnotation(timestampMicros: 0, value: "")
        while !message.isAtEnd {
            let tag = try message.readTag()
            switch tag.field {
            case 1: try message.expect(tag, .fixed64, "Annotation.timestamp"); annotation.timestampMicros = try message.readFixed64()
            case 2: try message.expect(tag, .lengthDelimited, "Annotation.value"); annotation.value = try message.readString()
            default: try message.skip(tag)
            }
        }
        guard annotation.timestampMicros != 0 else { throw ZipkinSpan.problem("\(path).timestamp", "is required") }
        return annotation
    }

    /// One `map<string, string>` entry: key 1, value 2.
    private mutating func readZipkinTag() throws(OTLPDecodingError) -> (key: String, value: String) {
        var message = try readMessage()
        var key = "", value = ""
        while !message.isAtEnd {
            let tag = try message.readTag()
            switch tag.field {
            case 1: try message.expect(tag, .lengthDelimited, "Span.tags key"); key = try message.readString()
            case 2: try message.expect(tag, .lengthDelimited, "Span.tags value"); value = try message.readString()
            default: try message.skip(tag)
            }
        }
        return (key, value)
    }
}

/// Endpoint addresses from protobuf's raw bytes to text: dotted IPv4, RFC 5952 IPv6 (longest zero run as `::`).
enum ZipkinAddress {
    static func text(_ bytes: UnsafeRawBufferPointer) -> String? {
        switch bytes.count {
        case 4: return bytes.map(String.init).joined(separator: ".")
        case 16:
            let groups = (0..<8).map { UInt16(bytes[$0 * 2]) << 8 | UInt16(bytes[$0 * 2 + 1]) }
            var best = (start: 0, length: 0), run = (start: 0, length: 0)
            for (index, group) in groups.enumerated() {
                if group == 0 {
                    if run.length == 0 { run.start = index }
                    run.length += 1
                    if run.length > best.length { best = run }
                } else {
                    run.length = 0
                }
            }
            let hex = groups.map { String($0, radix: 16) }
            guard best.length >= 2 else { return hex.joined(separator: ":") }
            return hex[..<best.start].joined(separator: ":") + "::" + hex[(best.start + best.length)...].joined(separator: ":")
        default: return nil
        }
    }
}
