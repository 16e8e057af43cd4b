import JSONToolkit
@testable import LogAggregator
import Testing
import TraceModel

/// 2024-11-24T23:13:20Z, the instant most rows below spell.
private let base: UInt64 = 1_732_490_000_000_000_000

@Suite struct LogTimeTests {
    struct Case: Sendable, CustomTestStringConvertible {
        let json: String
        let nanos: UInt64
        var testDescription: String { json }
    }

    @Test(arguments: [
        // RFC 3339 and the variants real loggers write.
        Case(json: #""2024-11-24T23:13:20Z""#, nanos: base),
        Case(json: #""2024-11-24t23:13:20z""#, nanos: base),
        Case(json: #""2024-11-24 23:13:20Z""#, nanos: base),
        Case(json: #""2024-11-24T23:13:20""#, nanos: base),  // no offset: UTC
        Case(json: #""2024-11-24T23:13:20.5Z""#, nanos: base + 500_000_000),
        Case(json: #""2024-11-24T23:13:20.123Z""#, nanos: base + 123_000_000),
        Case(json: #""2024-11-24T23:13:20.123456Z""#, nanos: base + 123_456_000),
        Case(json: #""2024-11-24T23:13:20.123456789Z""#, nanos: base + 123_456_789),
        Case(json: #""2024-11-24T23:13:20.1234567891234Z""#, nanos: base + 123_456_789),
        Case(json: #""2024-11-24 23:13:20,250""#, nanos: base + 250_000_000),  // Python asctime
        Case(json: #""2024-11-25T00:13:20+01:00""#, nanos: base),
        Case(json: #""2024-11-25T00:13:20.000000001+01:00""#, nanos: base + 1),
        Case(json: #""2024-11-24T18:13:20-05:00""#, nanos: base),
        Case(json: #""2024-11-25T05:43:20+0630""#, nanos: base),
        Case(json: #""2024-11-24T23:13:20-00:00""#, nanos: base),
        Case(json: #"" 2024-11-24T23:13:20Z ""#, nanos: base),
        Case(json: #""2000-02-29T00:00:00Z""#, nanos: 951_782_400_000_000_000),
        Case(json: #""2100-03-01T00:00:00Z""#, nanos: 4_107_542_400_000_000_000),
        Case(json: #""1970-01-01T00:00:00Z""#, nanos: 0),
        Case(json: #""1970-01-01T01:00:00+01:00""#, nanos: 0),
        Case(json: #""2016-12-31T23:59:60Z""#, nanos: 1_483_228_800_000_000_000),  // leap second
        Case(json: #""2554-07-21T23:34:33.709551615Z""#, nanos: UInt64.max),
        // Epoch numbers: the unit follows from the magnitude.
        Case(json: "1732490000", nanos: base),
        Case(json: "1732490000.5", nanos: base + 500_000_000),
        Case(json: "1732490000.123456789", nanos: base + 123_456_789),
        Case(json: "1732490000123", nanos: base + 123_000_000),
        Case(json: "1732490000123.456", nanos: base + 123_456_000),
        Case(json: "1732490000123456", nanos: base + 123_456_000),
        Case(json: "1732490000123456.7", nanos: base + 123_456_700),
        Case(json: "1732490000123456789", nanos: base + 123_456_789),
        Case(json: "1.73249e9", nanos: base),
        Case(json: "1.73249E12", nanos: base),
        Case(json: "0", nanos: 0),
        Case(json: "18446744073", nanos: 18_446_744_073_000_000_000),  // seconds in 2554, near UInt64's end
        Case(json: "100000000000", nanos: 100_000_000_000_000_000),  // smallest milliseconds value (1973)
        // Epoch as strings.
        Case(json: #""1732490000""#, nanos: base),
        Case(json: #""1732490000.25""#, nanos: base + 250_000_000),
        Case(json: #""1732490000123""#, nanos: base + 123_000_000),
        Case(json: #""1732490000123456789""#, nanos: base + 123_456_789)
    ])
    func readsTime(_ testCase: Case) throws {
        let value = try JSONValue.parse(testCase.json)
        #expect(try LogTime.unixNanos(value) == testCase.nanos)
    }

    struct Bad: Sendable, CustomTestStringConvertible {
        let json: String
        let detail: String
        var testDescription: String { json }
    }

    @Test(arguments: [
        Bad(json: #""yesterday""#, detail: ""),
        Bad(json: #""""#, detail: ""),
        Bad(json: #""2024-11-24""#, detail: ""),
        Bad(json: #""2024-11-24T23:13""#, detail: ""),
        Bad(json: #""2024-11-24T23:13:20.Z""#, detail: ""),
        Bad(json: #""2024-11-24T23:13:20Zjunk""#, detail: ""),
        Bad(json: #""2024-11-24T23:13:20+1""#, detail: ""),
        Bad(json: #""24-11-24T23:13:20Z""#, detail: ""),
        Bad(json: #""2024/11/24 23:13:20""#, detail: ""),
        Bad(json: #""Sun, 24 Nov 2024 23:13:20 GMT""#, detail: ""),
        Bad(json: #""2024-13-01T00:00:00Z""#, detail: "no such date or time"),
        Bad(json: #""2023-02-29T00:00:00Z""#, detail: "no such date or time"),
        Bad(json: #""2100-02-29T00:00:00Z""#, detail: "no such date or time"),
        Bad(json: #""2024-04-31T00:00:00Z""#, detail: "no such date or time"),
        Bad(json: #""2024-11-24T24:00:00Z""#, detail: "no such date or time"),
        Bad(json: #""2024-11-24T23:60:00Z""#, detail: "no such date or time"),
        Bad(json: #""2024-11-24T23:13:20+24:00""#, detail: "offset out of range"),
        Bad(json: #""1969-12-31T23:59:59Z""#, detail: "before 1970"),
        Bad(json: #""1970-01-01T00:30:00+01:00""#, detail: "before 1970"),
        Bad(json: #""2554-07-21T23:34:33.709551616Z""#, detail: "after the year 2554"),
        Bad(json: #""9999-12-31T23:59:59Z""#, detail: "after the year 2554"),
        Bad(json: "99999999999", detail: "after the year 2554"),  // seconds (below 1e11), beyond UInt64 nanoseconds
        Bad(json: "-1", detail: "before 1970"),
        Bad(json: "-1.5e9", detail: "before 1970"),
        Bad(json: "1e400", detail: "too large"),
        Bad(json: "99999999999999999999999", detail: "too large"),
        Bad(json: "18446744073709551616", detail: "too large"),
        Bad(json: #""1732490000.""#, detail: ""),
        Bad(json: #""1.2.3""#, detail: ""),
        Bad(json: "true", detail: ""),
        Bad(json: "[1732490000]", detail: ""),
        Bad(json: #"{"seconds":1}"#, detail: "")
    ])
    func refusesBadTime(_ bad: Bad) throws {
        let value = try JSONValue.parse(bad.json)
        #expect(throws: LogTime.Failure(bad.detail)) { try LogTime.unixNanos(value) }
    }

    @Test func nullIsNoTime() throws {
        #expect(try LogTime.unixNanos(.null) == nil)
    }

    @Test func refusesOverlongStringsWithoutReadingThem() {
        let long = JSONValue.string("2024-11-24T23:13:20Z" + String(repeating: " ", count: 100))
        #expect(throws: LogTime.Failure()) { try LogTime.unixNanos(long) }
    }
}
