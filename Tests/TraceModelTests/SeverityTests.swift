import Testing
import TraceModel

/// The logs data model's severity table, which the decoders, the structured-log levels, the query API and tracetop
/// all read.
@Suite struct SeverityTests {
    @Test(
        arguments: [
            (1, "TRACE"), (4, "TRACE"), (5, "DEBUG"), (9, "INFO"), (12, "INFO"), (13, "WARN"), (17, "ERROR"), (21, "FATAL"), (24, "FATAL"),
            (0, "UNSET"), (25, "UNSET"), (-1, "UNSET")
        ] as [(Int32, String)])
    func namesOfNumbers(number: Int32, name: String) {
        #expect(Severity.name(of: number) == name)
    }

    @Test(
        arguments: [("TRACE", 1), ("DEBUG", 5), ("INFO", 9), ("WARN", 13), ("WARN2", 14), ("WARN4", 16), ("ERROR3", 19), ("FATAL", 21)]
            as [(String, Int32)])
    func numbersOfShortNames(name: String, number: Int32) {
        #expect(Severity.number(shortName: name) == number)
    }

    @Test(arguments: ["WARN1", "WARN5", "warn", "WARNING", "", "2"])
    func otherShortNamesAreNotSeverities(name: String) {
        #expect(Severity.number(shortName: name) == nil)
    }

    @Test(arguments: [("warn", 13), ("Warning", 13), ("ERROR", 17), ("0", 0), ("24", 24), ("fatal", 21)] as [(String, Int32)])
    func thresholds(text: String, number: Int32) {
        #expect(Severity.threshold(text) == number)
    }

    @Test(arguments: ["25", "-1", "loud", "warn2", ""])
    func nonThresholdsAreRefused(text: String) {
        #expect(Severity.threshold(text) == nil)
    }
}
