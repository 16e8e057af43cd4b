import Testing
import TraceModel

/// The one duration grammar the query API, tracetop's prompt and the collector's flags read.
@Suite struct DurationGrammarTests {
    @Test(
        arguments: [
            ("1ns", 1), ("250us", 250_000), ("250µs", 250_000), ("250μs", 250_000), ("500ms", 500_000_000), ("1.5s", 1_500_000_000),
            ("2m", 120_000_000_000), ("1h", 3_600_000_000_000), ("7d", 604_800_000_000_000), ("2w", 1_209_600_000_000_000),
            ("1h30m", 5_400_000_000_000), ("2h45m10s", 9_910_000_000_000), (".5s", 500_000_000), ("+3s", 3_000_000_000),
            (" 72H ", 259_200_000_000_000), ("1MS", 1_000_000), ("0", 0)
        ] as [(String, UInt64)])
    func unitsEveryReaderTakes(text: String, nanoseconds: UInt64) {
        #expect(DurationGrammar.nanoseconds(text, bareNumbers: .microseconds) == nanoseconds)
        #expect(DurationGrammar.nanoseconds(text, bareNumbers: .refused) == nanoseconds)
    }

    @Test(arguments: [("42", 42_000), ("1.5", 1_500), ("0.0", 0)] as [(String, UInt64)])
    func bareNumbersAreMicrosecondsWhereTheAPIAndThePromptSaySo(text: String, nanoseconds: UInt64) {
        #expect(DurationGrammar.nanoseconds(text, bareNumbers: .microseconds) == nanoseconds)
        #expect(DurationGrammar.nanoseconds(text, bareNumbers: .refused) == nil)
    }

    @Test(arguments: ["", " ", "s", "ms", "-1s", "1x", "1 s", "1.2.3s", "1h30", "30m1", ".s", "1e3s", "soon", "1y", "99999999w", "inf"])
    func nonDurationsAreRefused(text: String) {
        #expect(DurationGrammar.nanoseconds(text, bareNumbers: .microseconds) == nil)
        #expect(DurationGrammar.nanoseconds(text, bareNumbers: .refused) == nil)
    }

    @Test func everyUnitTheHelpListsIsRead() {
        for unit in DurationGrammar.unitsHelp.split(separator: ", ") {
            #expect(DurationGrammar.nanoseconds("1" + unit, bareNumbers: .refused) != nil, "\(unit)")
        }
    }
}
