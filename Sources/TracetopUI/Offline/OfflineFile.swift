import Foundation
import TraceModel
import WireCodecs

/// Reads a trace file for `tracetop --file`: an OTLP JSON `ExportTraceServiceRequest` (the collector's
/// `?format=otlp`, and what `:w` writes), or the OpenTelemetry Collector file exporter's one such object per line
/// (what otel-tui's `--from-json-file` reads). Its traces take the path a trace from the collector takes
/// (`TraceDetail.traces(from:)`); only a file can hold a span twice (an exporter that re-sent a batch), so the
/// repeats are dropped here.
package enum OfflineFile {
    package struct LoadError: Error, CustomStringConvertible {
        package var description: String
    }

    package static func load(path: String) throws(LoadError) -> OfflineTraces {
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
            throw LoadError(
                description:
                    "\(name) looks like Jaeger JSON ({\"data\":[…]}); tracetop reads OTLP JSON: fetch the trace with GET /api/traces/{id}?format=otlp"
            )
        }
        // One request, or one per line (the file exporter): the whole file is tried first.
        if let whole = try? OTLPJSON.decodeTraces(bytes) { return TraceDetail.traces(from: withoutRepeats(whole.data)) }
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
        return TraceDetail.traces(from: withoutRepeats(all))
    }

    /// The data with the second and later copies of each (trace, span) id left out.
    static func withoutRepeats(_ data: TracesData) -> TracesData {
        var seen = Set<SpanKey>()
        var data = data
        for r in data.resourceSpans.indices {
            for s in data.resourceSpans[r].scopeSpans.indices {
                data.resourceSpans[r].scopeSpans[s].spans.removeAll { !seen.insert(SpanKey(trace: $0.traceID, span: $0.spanID)).inserted }
            }
        }
        return data
    }

    private struct SpanKey: Hashable {
        var trace: TraceID
        var span: SpanID
    }

    /// `{"data": …` (after whitespace): Jaeger's envelope rather than OTLP's `{"resourceSpans": …`, worth a
    /// message of its own.
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
    package static func write(_ trace: TraceDetail, to path: String) throws(LoadError) {
        do { try Data(OTLPJSON.encode(trace.otlp)).write(to: URL(fileURLWithPath: path)) } catch {
            throw LoadError(description: "cannot write \(path): \(error.localizedDescription)")
        }
    }
}
