/// An encoded OTLP JSON request and where its trace ids, correlation ids and times sit, so a replay round can
/// rewrite them in a copy of the bytes: the first 8 hex digits of every trace id become the round number (the
/// other 24 random digits keep traces apart within a round), so do the first 8 characters of its correlation ids
/// (`CorrelationStamp`), and every time moves forward by the round's offset.
struct ReplayBody: Sendable {
    let template: [UInt8]
    private let traceIDOffsets: [Int]
    private let correlationIDOffsets: [Int]
    private let timeOffsets: [Int]

    init(_ template: [UInt8], correlation: CorrelationStamp) {
        self.template = template
        traceIDOffsets = Self.valueOffsets(of: #""traceId":""#, in: template)
        correlationIDOffsets = correlation.offsets(in: template)
        // `"timeUnixNano"` (events) does not match inside `"startTimeUnixNano"`: the quote comes first.
        timeOffsets = [#""startTimeUnixNano":""#, #""endTimeUnixNano":""#, #""timeUnixNano":""#]
            .flatMap { Self.valueOffsets(of: $0, in: template) }
    }

    /// The bytes for `round`, times shifted by `shiftNanos`.
    func bytes(round: UInt32, shiftNanos: UInt64) -> [UInt8] {
        var bytes = template
        let hex = Array("0123456789abcdef".utf8)
        for offset in traceIDOffsets {
            for digit in 0..<8 {
                bytes[offset + digit] = hex[Int((round >> (28 - 4 * UInt32(digit))) & 0xF)]
            }
        }
        CorrelationStamp.stamp(round: round, at: correlationIDOffsets, in: &bytes)
        for offset in timeOffsets { Self.addDecimal(shiftNanos, at: offset, in: &bytes) }
        return bytes
    }

    private static func valueOffsets(of key: String, in bytes: [UInt8]) -> [Int] {
        let needle = Array(key.utf8)
        var offsets: [Int] = []
        var index = 0
        while index + needle.count <= bytes.count {
            if bytes[index] == needle[0], bytes[index..<(index + needle.count)].elementsEqual(needle) {
                offsets.append(index + needle.count)
                index += needle.count
            } else {
                index += 1
            }
        }
        return offsets
    }

    /// Adds to the decimal digits starting at `offset` (ending at the closing quote) in place. Epoch nanoseconds
    /// have 19 digits until 2286, so the width never changes for the shifts used here.
    private static func addDecimal(_ addend: UInt64, at offset: Int, in bytes: inout [UInt8]) {
        var end = offset
        var value: UInt64 = 0
        while end < bytes.count, bytes[end] >= 0x30, bytes[end] <= 0x39 {
            value = value * 10 + UInt64(bytes[end] - 0x30)
            end += 1
        }
        var shifted = value &+ addend
        var index = end - 1
        while index >= offset {
            bytes[index] = 0x30 + UInt8(shifted % 10)
            shifted /= 10
            index -= 1
        }
    }
}
