/// A W3C Trace Context `traceparent` value: `version-traceid-parentid-flags`, e.g.
/// `00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01`.
///
/// Parsing follows the recommendation's rules for receivers: lowercase hex only, version `ff` is invalid,
/// all-zero ids are invalid, version `00` must end after the flags, and a higher (future) version is read
/// by its first four fields as long as they are followed by the end or a `-` (later versions may append fields).
package struct TraceParent: Hashable, Sendable, CustomStringConvertible {
    package let version: UInt8
    package let traceID: TraceID
    package let spanID: SpanID
    package let flags: UInt8

    /// The caller's sampling decision (flag bit 0x01). Other bits are kept but have no meaning yet.
    package var sampled: Bool { flags & 0x01 != 0 }

    /// Builds a value from valid parts (the caller guarantees non-zero ids).
    package init(traceID: TraceID, spanID: SpanID, flags: UInt8 = 0, version: UInt8 = 0) {
        self.version = version
        self.traceID = traceID
        self.spanID = spanID
        self.flags = flags
    }

    /// Parses a header value; the error names the rule that was broken and shows the input.
    package init(parsing text: some StringProtocol) throws(TraceParentError) {
        let bytes = Array(text.utf8.prefix(Self.versionZeroLength + 1))
        func fail(_ reason: String) -> TraceParentError {
            TraceParentError(input: String(text.prefix(TraceParentError.maxQuotedInput + 1)), reason: reason)
        }

        guard bytes.count >= Self.versionZeroLength else {
            throw fail("too short: expected 55 characters (00-<32 hex>-<16 hex>-<2 hex>)")
        }
        for dash in [2, 35, 52] where bytes[dash] != UInt8(ascii: "-") {
            throw fail("expected '-' at character \(dash + 1)")
        }
        guard let version = Self.lowercaseHex(bytes[0..<2]) else { throw fail("version is not 2 lowercase hex digits") }
        guard version != 0xff else { throw fail("version ff is invalid") }
        guard let high = Self.lowercaseHex(bytes[3..<19]), let low = Self.lowercaseHex(bytes[19..<35]) else {
            throw fail("trace id is not 32 lowercase hex digits")
        }
        guard let span = Self.lowercaseHex(bytes[36..<52]) else { throw fail("parent id is not 16 lowercase hex digits") }
        guard let flags = Self.lowercaseHex(bytes[53..<55]) else { throw fail("flags are not 2 lowercase hex digits") }
        guard high != 0 || low != 0 else { throw fail("trace id is all zeros") }
        guard span != 0 else { throw fail("parent id is all zeros") }
        if bytes.count > Self.versionZeroLength {
            // Version 00 is exactly 55 characters; a future version may only continue with "-<more fields>".
            if version == 0 { throw fail("version 00 has data after the flags") }
            if bytes[Self.versionZeroLength] != UInt8(ascii: "-") {
                throw fail("expected '-' or the end after the flags")
            }
        }
        self.init(traceID: TraceID(high: high, low: low), spanID: SpanID(span), flags: UInt8(flags), version: UInt8(version))
    }

    /// The header value as version 00 writes it (a future version is written as 00: we know no other fields).
    package var description: String {
        "00-\(traceID.hex)-\(spanID.hex)-" + String(HexDigits.hex(UInt64(flags)).suffix(2))
    }

    private static let versionZeroLength = 55

    /// Up to 16 lowercase hex digits as a number; nil on any other byte (W3C forbids uppercase).
    private static func lowercaseHex(_ bytes: ArraySlice<UInt8>) -> UInt64? {
        var result: UInt64 = 0
        for byte in bytes {
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): result = result << 4 | UInt64(byte - UInt8(ascii: "0"))
            case UInt8(ascii: "a")...UInt8(ascii: "f"): result = result << 4 | UInt64(byte - UInt8(ascii: "a") + 10)
            default: return nil
            }
        }
        return result
    }
}

/// Why a `traceparent` value was refused. The input is kept (shortened: it comes from a client) for the message.
package struct TraceParentError: Error, Hashable, Sendable, CustomStringConvertible {
    /// Longest part of the input repeated in the message; a traceparent is 55 characters.
    package static let maxQuotedInput = 80

    package let input: String
    package let reason: String

    package init(input: String, reason: String) {
        self.input = input.count > Self.maxQuotedInput ? String(input.prefix(Self.maxQuotedInput)) + "…" : input
        self.reason = reason
    }

    package var description: String { "invalid traceparent \"\(input)\": \(reason)" }
}
