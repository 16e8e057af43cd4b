import Testing
import TraceModel

@Suite struct TraceParentTests {
    static let traceHex = "4bf92f3577b34da6a3ce929d0e0e4736"
    static let spanHex = "00f067aa0ba902b7"

    struct Valid: Sendable, CustomTestStringConvertible {
        let header: String
        let version: UInt8
        let flags: UInt8
        let sampled: Bool
        var testDescription: String { header }
    }

    @Test(arguments: [
        Valid(header: "00-\(traceHex)-\(spanHex)-01", version: 0, flags: 0x01, sampled: true),
        Valid(header: "00-\(traceHex)-\(spanHex)-00", version: 0, flags: 0x00, sampled: false),
        Valid(header: "00-\(traceHex)-\(spanHex)-09", version: 0, flags: 0x09, sampled: true),
        Valid(header: "00-\(traceHex)-\(spanHex)-fe", version: 0, flags: 0xfe, sampled: false),
        // A future version: the first four fields are read when followed by the end or "-".
        Valid(header: "cc-\(traceHex)-\(spanHex)-01", version: 0xcc, flags: 0x01, sampled: true),
        Valid(header: "cc-\(traceHex)-\(spanHex)-01-what-the-future-holds", version: 0xcc, flags: 0x01, sampled: true),
        Valid(header: "01-\(traceHex)-\(spanHex)-00-", version: 0x01, flags: 0x00, sampled: false)
    ])
    func parsesValidHeaders(_ valid: Valid) throws {
        let parent = try TraceParent(parsing: valid.header)
        #expect(parent.version == valid.version)
        #expect(parent.traceID == TraceID(hex: Self.traceHex))
        #expect(parent.spanID == SpanID(hex: Self.spanHex))
        #expect(parent.flags == valid.flags)
        #expect(parent.sampled == valid.sampled)
    }

    struct Invalid: Sendable, CustomTestStringConvertible {
        let header: String
        let reason: String
        var testDescription: String { header.isEmpty ? "(empty)" : header }
    }

    @Test(arguments: [
        Invalid(header: "", reason: "too short"),
        Invalid(header: "00-\(traceHex)-\(spanHex)-0", reason: "too short"),
        Invalid(header: "ff-\(traceHex)-\(spanHex)-01", reason: "version ff is invalid"),
        Invalid(header: "00-00000000000000000000000000000000-\(spanHex)-01", reason: "trace id is all zeros"),
        Invalid(header: "00-\(traceHex)-0000000000000000-01", reason: "parent id is all zeros"),
        Invalid(header: "00-\(traceHex)-\(spanHex)-01-extra", reason: "version 00 has data after the flags"),
        Invalid(header: "00-\(traceHex)-\(spanHex)-01 ", reason: "version 00 has data after the flags"),
        Invalid(header: "cc-\(traceHex)-\(spanHex)-01x", reason: "expected '-' or the end after the flags"),
        Invalid(header: "00-\(traceHex.uppercased())-\(spanHex)-01", reason: "trace id is not 32 lowercase hex digits"),
        Invalid(header: "00-\(traceHex)-\(spanHex.uppercased())-01", reason: "parent id is not 16 lowercase hex digits"),
        Invalid(header: "0A-\(traceHex)-\(spanHex)-01", reason: "version is not 2 lowercase hex digits"),
        Invalid(header: "00-\(traceHex)-\(spanHex)-0F", reason: "flags are not 2 lowercase hex digits"),
        Invalid(header: "00-\(traceHex.dropLast())g-\(spanHex)-01", reason: "trace id is not 32 lowercase hex digits"),
        Invalid(header: "00_\(traceHex)_\(spanHex)_01", reason: "expected '-' at character 3"),
        Invalid(header: "00-\(traceHex)\(spanHex)-01-xx", reason: "expected '-' at character 36"),
        Invalid(header: "00-\(traceHex)-\(spanHex)\u{e9}01", reason: "expected '-' at character 53")
    ])
    func rejectsInvalidHeaders(_ invalid: Invalid) {
        do {
            _ = try TraceParent(parsing: invalid.header)
            Issue.record("parsed an invalid traceparent")
        } catch {
            #expect(error.reason.hasPrefix(invalid.reason))
            #expect(error.description.contains(invalid.reason))
        }
    }

    @Test func writesVersionZeroHeaderBack() throws {
        let header = "00-\(Self.traceHex)-\(Self.spanHex)-0b"
        #expect(try TraceParent(parsing: header).description == header)
        #expect(
            try TraceParent(parsing: "cc-\(Self.traceHex)-\(Self.spanHex)-01-more").description
                == "00-\(Self.traceHex)-\(Self.spanHex)-01")
    }

    @Test func errorQuotesOnlyTheStartOfAHugeInput() {
        let huge = String(repeating: "z", count: 1_000_000)
        do {
            _ = try TraceParent(parsing: huge)
            Issue.record("a million z's parsed as a traceparent")
        } catch {
            #expect(error.input.count == TraceParentError.maxQuotedInput + 1)
            #expect(error.input.hasSuffix("…"))
        }
    }
}
