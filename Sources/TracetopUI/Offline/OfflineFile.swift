import Foundation
import WireCodecs

/// Reads a trace file for `tracetop --file`: a Jaeger JSON download (`{"data":[trace, …]}`, Jaeger UI's
/// "Download JSON"), an OTLP JSON `ExportTraceServiceRequest` (the collector's `?format=otlp`), or the
/// OpenTelemetry Collector file exporter's one such object per line (what otel-tui's `--from-json-file` reads).
public enum OfflineFile {
    public struct LoadError: Error, CustomStringConvertible {
        public var description: String
    }

    public static func load(path: String) throws(LoadError) -> OfflineTraces {
        let bytes: [UInt8]
        do { bytes = Array(try Data(contentsOf: URL(fileURLWithPath: path))) } catch {
            throw LoadError(description: "cannot read \(path): \(error.localizedDescription)")
        }
        let name = URL(fileURLWithPath: path).lastPathComponent
        let traces = try decode(bytes, name: name)
        guard !traces.isEmpty else { throw LoadError(description: "\(path) holds no spans") }
        return OfflineTraces(name: name, traces: traces)
    }

    static func decode(_ bytes: [UInt8], name: String) throws(LoadError) -> [TraceDetail] {
        if isJaeger(bytes) {
            do { return try JSONDecoder().decode(Envelope<[TraceDetail]>.self, from: Data(bytes)).data ?? [] } catch {
                throw LoadError(description: "\(name) looks like Jaeger JSON ({\"data\":[…]}) but cannot be read: \(error)")
            }
        }
        // One request, or one per line (the file exporter): the whole file is tried first.
        if let whole = try? OTLPJSON.decodeTraces(bytes) { return TraceDetail.traces(from: whole.data) }
        var all = TracesData()
        var lineNumber = 0
        for line in bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false) {
            lineNumber += 1
            guard line.contains(where: { $0 != UInt8(ascii: " ") && $0 != UInt8(ascii: "\r") && $0 != UInt8(ascii: "\t") }) else {
                continue
            }
            do { all.resourceSpans += try OTLPJSON.decodeTraces(Array(line)).data.resourceSpans } catch {
                throw LoadError(
                    description:
                        "\(name) line \(lineNumber): not OTLP JSON traces (\(error.message)); expected an ExportTraceServiceRequest per line, one request, or Jaeger's {\"data\":[…]}"
                )
            }
        }
        return TraceDetail.traces(from: all)
    }

    /// `{"data": …` (after whitespace): Jaeger's envelope rather than OTLP's `{"resourceSpans": …`.
    private static func isJaeger(_ bytes: [UInt8]) -> Bool {
        var index = 0
        func skipSpace() { while index < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[index]) { index += 1 } }
        skipSpace()
        guard index < bytes.count, bytes[index] == UInt8(ascii: "{") else { return false }
        index += 1
        skipSpace()
        return bytes[index...].starts(with: Array("\"data\"".utf8))
    }

    /// `:w PATH`: the trace as OTLP JSON, one `ExportTraceServiceRequest` (what `--file` and the collector read).
    public static func write(_ trace: TraceDetail, to path: String) throws(LoadError) {
        do { try Data(OTLPJSON.encode(trace.otlp)).write(to: URL(fileURLWithPath: path)) } catch {
            throw LoadError(description: "cannot write \(path): \(error.localizedDescription)")
        }
    }
}
