import JSONToolkit
@testable import LogAggregator
import Testing
import TraceModel

@Suite struct LogLevelTests {
    @Test(
        arguments: [
            ("trace", 1), ("TRACE", 1), ("Trace", 1), ("trc", 1), ("verbose", 1), ("Verbose", 1), ("finest", 1), ("finer", 2),
            ("debug", 5), ("DEBUG", 5), ("dbg", 5), ("dbug", 5), ("fine", 5), ("FINE", 5), ("config", 7),
            ("info", 9), ("INFO", 9), ("inf", 9), ("information", 9), ("Information", 9), ("informational", 9),
            ("notice", 10), ("NOTICE", 10),
            ("warn", 13), ("WARN", 13), ("wrn", 13), ("warning", 13), ("Warning", 13), ("WARNING", 13),
            ("error", 17), ("ERROR", 17), ("err", 17), ("eror", 17), ("severe", 17), ("SEVERE", 17),
            ("fatal", 21), ("FATAL", 21), ("ftl", 21), ("critical", 21), ("CRITICAL", 21), ("crit", 21), ("panic", 21),
            ("alert", 22), ("emerg", 23), ("emergency", 23), ("EMERGENCY", 23),
            ("TRACE2", 2), ("debug4", 8), ("INFO3", 11), ("warn2", 14), ("ERROR4", 20), ("FATAL4", 24)
        ] as [(String, Int32)])
    func readsLevelNames(_ name: String, _ number: Int32) throws {
        #expect(LogLevel.severityNumber(named: name) == number)
        let severity = try #require(try LogLevel.severity(.string(name)))
        #expect(severity.number == number)
        #expect(severity.text == name, "the original spelling is kept as severityText")
    }

    @Test(arguments: ["info5", "warn0", "information2", "loud", "i", "WARNINGS"])
    func unknownNamesAreKeptUnset(_ name: String) throws {
        #expect(LogLevel.severityNumber(named: name) == nil)
        let severity = try #require(try LogLevel.severity(.string(name)))
        #expect(severity.number == 0)
        #expect(severity.text == name)
    }

    @Test(
        arguments: [
            // pino / bunyan
            ("10", 1, "TRACE"), ("20", 5, "DEBUG"), ("30", 9, "INFO"), ("40", 13, "WARN"), ("50", 17, "ERROR"), ("60", 21, "FATAL"),
            // OpenTelemetry severity numbers
            ("1", 1, "TRACE"), ("4", 4, "TRACE"), ("5", 5, "DEBUG"), ("9", 9, "INFO"), ("12", 12, "INFO"),
            ("13", 13, "WARN"), ("17", 17, "ERROR"), ("19", 19, "ERROR"), ("21", 21, "FATAL"), ("24", 24, "FATAL")
        ] as [(String, Int32, String)])
    func readsNumericLevels(_ text: String, _ number: Int32, _ name: String) throws {
        for value in [try JSONValue.parse(text), JSONValue.string(text)] {
            let severity = try #require(try LogLevel.severity(value))
            #expect(severity.number == number)
            #expect(severity.text == name)
        }
    }

    @Test(arguments: ["0", "25", "35", "70", "-10", "3.5", "1e1", "true", "[\"info\"]", "{\"name\":\"info\"}", "\"99\""])
    func refusesOtherTypesAndNumbers(_ json: String) throws {
        let value = try JSONValue.parse(json)
        #expect(throws: LogLevel.Failure.self) { try LogLevel.severity(value) }
    }

    @Test func nullAndEmptyMeanNoLevel() throws {
        #expect(try LogLevel.severity(.null) == nil)
        #expect(try LogLevel.severity(.string("  ")) == nil)
    }
}
