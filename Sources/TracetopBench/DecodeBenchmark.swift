import Foundation
import WireCodecs

/// Decoding speed on one core: the collector's OTLP JSON and protobuf decoders over the workload's bodies,
/// and Foundation's JSONSerialization on the same JSON bytes as a yardstick.
enum DecodeBenchmark {
    /// MB/s (10^6 bytes), the median of `runs` passes of at least `minSeconds` each.
    static func megabytesPerSecond(runs: Int, minSeconds: Double, bodies: [[UInt8]], decode: ([UInt8]) throws -> Void) rethrows -> Double {
        let bytesPerPass = bodies.reduce(0) { $0 + $1.count }
        var rates: [Double] = []
        for _ in 0..<runs {
            let started = ContinuousClock.now
            var passes = 0
            repeat {
                for body in bodies { try decode(body) }
                passes += 1
            } while (ContinuousClock.now - started).seconds < minSeconds
            rates.append(Double(bytesPerPass * passes) / 1e6 / (ContinuousClock.now - started).seconds)
        }
        return Statistics.median(rates)
    }

    static func otlpJSON(_ body: [UInt8]) throws {
        let decoded = try OTLPJSON.decodeTraces(body)
        precondition(decoded.data.spanCount > 0, "the decoder returned no spans")
    }

    static func otlpProtobuf(_ body: [UInt8]) throws {
        let decoded = try OTLPProtobuf.decodeTraces(body)
        precondition(decoded.data.spanCount > 0, "the decoder returned no spans")
    }

    static func foundationJSON(_ body: [UInt8]) throws {
        _ = try JSONSerialization.jsonObject(with: Data(body))
    }
}

enum Statistics {
    static func median(_ values: [Double]) -> Double {
        guard !values.isEmpty else { return .nan }
        let sorted = values.sorted()
        let middle = sorted.count / 2
        return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
    }
}
