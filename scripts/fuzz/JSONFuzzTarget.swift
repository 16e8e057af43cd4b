// libFuzzer entry point for the OTLP JSON decoders and the generic JSON reader. Compiled together with the
// TraceModel sources by fuzz-json.sh (not part of the package), so it sees the module's internals.
//
// Properties checked on every input, besides "does not crash, hang or trip AddressSanitizer":
// - decoding either succeeds or throws an error with a message;
// - whatever decodes, written back as OTLP JSON, decodes to the same data (skipped when a NaN is present,
//   since NaN is unequal to itself), and protobuf agrees with JSON on it.

@_cdecl("LLVMFuzzerTestOneInput")
public func jsonFuzzTarget(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = UnsafeRawBufferPointer(start: data, count: size)
    do {
        _ = try JSONValue.parse(bytes)
    } catch {
        precondition(!error.description.isEmpty, "a JSON error without a message")
    }
    do {
        let traces = try OTLPJSON.decodeTraces(bytes).data
        if !"\(traces)".contains("nan") {
            let again = reDecode { () throws(OTLPDecodingError) in try OTLPJSON.decodeTraces(OTLPJSON.encode(traces)).data }
            precondition(again == traces, "trace JSON round trip changed the data")
            let viaProtobuf = reDecode { () throws(OTLPDecodingError) in try OTLPProtobuf.decodeTraces(OTLPProtobuf.encode(traces)).data }
            precondition(viaProtobuf == traces, "protobuf and JSON disagree on traces")
        }
    } catch {
        precondition(!error.message.isEmpty, "an error without a message")
    }
    do {
        let logs = try OTLPJSON.decodeLogs(bytes).data
        if !"\(logs)".contains("nan") {
            let again = reDecode { () throws(OTLPDecodingError) in try OTLPJSON.decodeLogs(OTLPJSON.encode(logs)).data }
            precondition(again == logs, "log JSON round trip changed the data")
        }
    } catch {
        precondition(!error.message.isEmpty, "an error without a message")
    }
    return 0
}

private func reDecode<Data>(_ decode: () throws(OTLPDecodingError) -> Data) -> Data {
    do { return try decode() } catch { preconditionFailure("our own encoding does not decode: \(error)") }
}
