import Testing
@testable import TracetopUI

@Suite("In-memory screen, widths and sanitising")
struct ScreenTests {
    @Test(arguments: [
        ("a", 1), ("é", 1), ("e\u{301}", 1), ("支", 2), ("🚀", 2), ("☺\u{FE0F}", 2), ("한", 2), ("\u{200B}", 0), ("ｱ", 1), ("Ｗ", 2)
    ])
    func graphemeWidth(text: String, width: Int) {
        #expect(DisplayWidth.of(Character(text)) == width)
    }

    @Test func textThatFitsIsDrawnAsIs() {
        var screen = Screen(width: 10, height: 1)
        let used = screen.draw("hello", x: 2, y: 0)
        #expect(used == 5)
        #expect(screen.lines == ["  hello"])
    }

    @Test(arguments: [
        ("abcdefghij", 10, "abcdefghij"), ("abcdefghijk", 10, "abcdefghi…"), ("支払い請求書", 7, "支払い…"), ("支払い請求書", 6, "支払…"),
        ("ab支", 3, "ab…"), ("", 5, "")
    ])
    func longTextEndsInAnEllipsis(text: String, width: Int, expected: String) {
        var screen = Screen(width: 20, height: 1)
        let used = screen.draw(text, x: 0, y: 0, maxWidth: width)
        #expect(screen.lines[0] == expected)
        #expect(used <= width)
    }

    @Test func wideCharactersKeepColumnsAligned() {
        var screen = Screen(width: 12, height: 2)
        screen.draw("支払い|", x: 0, y: 0)
        screen.draw("abcdef|", x: 0, y: 1)
        // "|" sits in column 6 on both rows: three wide characters take six cells.
        #expect(screen[6, 0].text == "|")
        #expect(screen[6, 1].text == "|")
        #expect(screen[1, 0].isContinuation)
    }

    @Test func aWideCharacterThatDoesNotFitTheRightEdgeBecomesAnEllipsis() {
        var screen = Screen(width: 3, height: 1)
        screen.draw("ab支", x: 0, y: 0, maxWidth: 10)
        #expect(screen.lines == ["ab…"])
        expectAligned(screen)
    }

    @Test func overwritingHalfAWideCharacterClearsTheOtherHalf() {
        var screen = Screen(width: 6, height: 1)
        screen.draw("支払", x: 0, y: 0)
        screen.draw("x", x: 1, y: 0)
        #expect(screen.lines == [" x払"])
        expectAligned(screen)
    }

    @Test(arguments: [
        ("\u{1B}[2J", "␛[2J"), ("a\u{07}b", "a␇b"), ("tab\there", "tab here"), ("nul\u{0}", "nul␀"), ("c1\u{9B}31m", "c1�31m"),
        ("\u{202E}evil", "evil"), ("del\u{7F}", "del␡"), ("line\nbreak", "line break"), ("\u{1B}]52;c;eA==\u{07}", "␛]52;c;eA==␇")
    ])
    func controlCharactersNeverReachTheScreen(hostile: String, shown: String) {
        var screen = Screen(width: 30, height: 1)
        screen.draw(hostile, x: 0, y: 0)
        #expect(screen.lines == [shown])
        expectNoControls(screen)
    }

    @Test func aMegabyteStringCostsOnlyWhatFits() {
        let huge = String(repeating: "x", count: 1 << 20)
        var screen = Screen(width: 10, height: 1)
        #expect(screen.draw(huge, x: 0, y: 0) == 10)
        #expect(screen.lines == ["xxxxxxxxx…"])
        #expect(DisplayText.width(of: huge, limit: 50) == 51)
    }

    @Test func multiLineTextIsSplitAndBounded() {
        #expect(DisplayText.lines(of: "a\nb\r\nc") == ["a", "b", "c"])
        let many = Array(repeating: "x", count: 1000).joined(separator: "\n")
        #expect(DisplayText.lines(of: many, maxLines: 10).count == 11)
        #expect(DisplayText.lines(of: String(repeating: "y", count: 5000), maxLineLength: 100) == [String(repeating: "y", count: 100)])
    }

    @Test func drawingOutsideTheScreenIsIgnored() {
        var screen = Screen(width: 4, height: 2)
        screen.draw("abc", x: -1, y: 0)
        screen.draw("abc", x: 0, y: 5)
        screen.draw("abc", x: 9, y: 1)
        screen.fill(x: -3, y: -3, width: 100, height: 100, style: .selected)
        #expect(screen.lines == ["", ""])
    }
}
