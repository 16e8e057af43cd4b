import TraceModel
import WireCodecs

/// Correlation ids in replayed requests. A gateway gives every request an id of its own, so each round stamps
/// its number, as 8 hex digits, on the first 8 characters of every correlation id in the pool (the demo's are
/// UUIDs), as it does on trace ids: then a lookup finds the request's few traces, wherever they sit in the file.
/// One id is left as it is (`shared`): every round's copy of its request carries it, so its lookup finds a trace
/// per round, the case of an id shared by very many traces (a session id, a batch job's id).
struct CorrelationStamp: Sendable {
    /// The ids stamped per round.
    let stamped: Set<String>
    /// The id left unstamped, nil when the pool holds fewer than two requests with ids.
    let shared: String?
    /// An id of the pool's first request, unstamped: `id(sample, round:)` is the id that round's copy carries.
    let sample: String?

    static let stampLength = 8
    private let finder: Finder

    init(traces: [TracesData], keys: CorrelationKeys = CorrelationKeys()) {
        let perRequest = traces.map { Self.ids(in: $0, keys: keys) }
        let shared = perRequest.dropFirst().lazy.compactMap(\.first).first
        var stamped = Set(perRequest.joined().filter { $0.utf8.count >= Self.stampLength })
        if let shared { stamped.remove(shared) }
        self.stamped = stamped
        self.shared = shared
        var finder = Finder()
        for id in stamped {
            let bytes = Array(id.utf8)
            finder.byPrefix[Self.prefix(bytes, at: 0), default: []].append(bytes)
            finder.startsWith[Int(bytes[0]) << 8 | Int(bytes[1])] = true
        }
        self.finder = finder
        sample = perRequest.first?.first { stamped.contains($0) }
    }

    /// The id as round `round` sends it.
    static func id(_ id: String, round: UInt32) -> String {
        String(decoding: hexDigits(round) + Array(id.utf8.dropFirst(stampLength)), as: UTF8.self)
    }

    /// Where the stamped ids start in an encoded request (JSON or protobuf: both hold the id's bytes as they are).
    /// One pass over the bytes: a position is looked up only when its first two bytes begin some stamped id.
    func offsets(in bytes: [UInt8]) -> [Int] {
        var offsets: [Int] = []
        var index = 0
        while index + Self.stampLength <= bytes.count {
            let pair = Int(bytes[index]) << 8 | Int(bytes[index + 1])
            if finder.startsWith[pair], let ids = finder.byPrefix[Self.prefix(bytes, at: index)],
                let id = ids.first(where: { index + $0.count <= bytes.count && bytes[index..<(index + $0.count)].elementsEqual($0) })
            {
                offsets.append(index)
                index += id.count
            } else {
                index += 1
            }
        }
        return offsets
    }

    /// Writes the round's stamp at each offset.
    static func stamp(round: UInt32, at offsets: [Int], in bytes: inout [UInt8]) {
        let digits = hexDigits(round)
        for offset in offsets {
            for index in 0..<stampLength { bytes[offset + index] = digits[index] }
        }
    }

    private static func hexDigits(_ round: UInt32) -> [UInt8] {
        let hex = Array("0123456789abcdef".utf8)
        return (0..<stampLength).map { hex[Int((round >> (28 - 4 * UInt32($0))) & 0xF)] }
    }

    private static func ids(in data: TracesData, keys: CorrelationKeys) -> [String] {
        var ids: [String] = []
        for resourceSpans in data.resourceSpans {
            for span in resourceSpans.scopeSpans.flatMap(\.spans) {
                for id in keys.ids(of: span, resource: resourceSpans.resource) where !ids.contains(id) { ids.append(id) }
            }
        }
        return ids
    }

    /// The stamped ids by their first `stampLength` bytes, and which first two bytes start one.
    private struct Finder: Sendable {
        var byPrefix: [UInt64: [[UInt8]]] = [:]
        var startsWith = [Bool](repeating: false, count: 1 << 16)
    }

    private static func prefix(_ bytes: [UInt8], at index: Int) -> UInt64 {
        bytes[index..<(index + stampLength)].reduce(0) { $0 << 8 | UInt64($1) }
    }
}
