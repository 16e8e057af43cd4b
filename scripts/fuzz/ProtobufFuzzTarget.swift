// libFuzzer entry point for the OTLP protobuf decoders. Compiled together with the TraceModel sources by
// fuzz-protobuf.sh (not part of the package), so it sees the module's internals.
//
// Properties checked on every input, besides "does not crash or trip AddressSanitizer":
// - decoding either succeeds or throws an OTLPDecodingError with a message;
// - whatever decodes re-encodes to bytes that decode and re-encode to the very same bytes (compared as bytes,
//   so NaN payloads, which are unequal to themselves, still count);
// - the decoded data, written as OTLP JSON and read back by the JSON decoder, is the same data: both
//   encodings of a request must store the same thing (skipped when a NaN is present: JSON has one NaN).

@_cdecl("LLVMFuzzerTestOneInput")
public func protobufFuzzTarget(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = UnsafeRawBufferPointer(start: data, count: size)
    do {
        let traces = try OTLPProtobuf.decodeTraces(bytes)
        let once = OTLPProtobuf.encode(traces.data)
        let twice = OTLPProtobuf.encode(mustDecodeTraces(once))
        precondition(once == twice, "trace re-encoding is not stable")
        if !traces.data.resourceSpans.contains(where: containsNaN) {
            let viaJSON = mustDecodeJSON { () throws(OTLPDecodingError) in try OTLPJSON.decodeTraces(OTLPJSON.encode(traces.data)).data }
            precondition(viaJSON == traces.data, "JSON and protobuf disagree on traces")
        }
    } catch {
        precondition(!error.message.isEmpty, "an error without a message")
    }
    do {
        let logs = try OTLPProtobuf.decodeLogs(bytes)
        let once = OTLPProtobuf.encode(logs.data)
        let twice = OTLPProtobuf.encode(mustDecodeLogs(once))
        precondition(once == twice, "log re-encoding is not stable")
        if !logs.data.resourceLogs.contains(where: containsNaN) {
            let viaJSON = mustDecodeJSON { () throws(OTLPDecodingError) in try OTLPJSON.decodeLogs(OTLPJSON.encode(logs.data)).data }
            precondition(viaJSON == logs.data, "JSON and protobuf disagree on logs")
        }
    } catch {
        precondition(!error.message.isEmpty, "an error without a message")
    }
    return 0
}

private func mustDecodeTraces(_ bytes: [UInt8]) -> TracesData {
    do { return try OTLPProtobuf.decodeTraces(bytes).data } catch { preconditionFailure("our own encoding does not decode: \(error)") }
}

private func mustDecodeLogs(_ bytes: [UInt8]) -> LogsData {
    do { return try OTLPProtobuf.decodeLogs(bytes).data } catch { preconditionFailure("our own encoding does not decode: \(error)") }
}

private func mustDecodeJSON<Data>(_ decode: () throws(OTLPDecodingError) -> Data) -> Data {
    do { return try decode() } catch { preconditionFailure("the JSON encoding of decoded protobuf does not decode: \(error)") }
}

private func containsNaN(_ value: AnyValue) -> Bool {
    switch value {
    case .double(let number): return number.isNaN
    case .array(let values): return values.contains(where: containsNaN)
    case .kvlist(let pairs): return containsNaN(pairs)
    default: return false
    }
}

private func containsNaN(_ pairs: [KeyValue]) -> Bool { pairs.contains { containsNaN($0.value) } }

private func containsNaN(_ group: ResourceSpans) -> Bool {
    containsNaN(group.resource.attributes) || group.scopeSpans.contains { scope in
        containsNaN(scope.scope.attributes) || scope.spans.contains { span in
            containsNaN(span.attributes) || span.events.contains { containsNaN($0.attributes) }
                || span.links.contains { containsNaN($0.attributes) }
        }
    }
}

private func containsNaN(_ group: ResourceLogs) -> Bool {
    containsNaN(group.resource.attributes) || group.scopeLogs.contains { scope in
        containsNaN(scope.scope.attributes) || scope.logRecords.contains { containsNaN($0.attributes) || containsNaN($0.body) }
    }
}
