// libFuzzer entry point for the OTLP protobuf decoders. Compiled together with the TraceModel sources by
// fuzz-protobuf.sh (not part of the package), so it sees the module's internals.
//
// Properties checked on every input, besides "does not crash or trip AddressSanitizer":
// - decoding either succeeds or throws an OTLPDecodingError with a message;
// - whatever decodes re-encodes to bytes that decode and re-encode to the very same bytes (compared as bytes,
//   so NaN payloads, which are unequal to themselves, still count).

@_cdecl("LLVMFuzzerTestOneInput")
public func protobufFuzzTarget(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = UnsafeRawBufferPointer(start: data, count: size)
    do {
        let traces = try OTLPProtobuf.decodeTraces(bytes)
        let once = OTLPProtobuf.encode(traces.data)
        let twice = OTLPProtobuf.encode(mustDecodeTraces(once))
        precondition(once == twice, "trace re-encoding is not stable")
    } catch {
        precondition(!error.message.isEmpty, "an error without a message")
    }
    do {
        let logs = try OTLPProtobuf.decodeLogs(bytes)
        let once = OTLPProtobuf.encode(logs.data)
        let twice = OTLPProtobuf.encode(mustDecodeLogs(once))
        precondition(once == twice, "log re-encoding is not stable")
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
