import Foundation
import Testing
import TracetopUI

/// Compares a rendered screen with `fixtures/tracetop-screens/<name>.txt` (the project's data sets, outside
/// the test target, so SwiftPM does not treat them as resources). A missing file is recorded (and the test fails, so a new
/// snapshot is always looked at once); `TRACETOP_RECORD=1` re-records all.
func assertSnapshot(_ screen: Screen, named name: String, sourceLocation: SourceLocation = #_sourceLocation, filePath: String = #filePath) {
    let directory = URL(fileURLWithPath: filePath).resolvingSymlinksInPath()
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent(
            "fixtures/tracetop-screens")
    let file = directory.appendingPathComponent(name + ".txt")
    let actual = screen.lines.joined(separator: "\n") + "\n"
    let record = ProcessInfo.processInfo.environment["TRACETOP_RECORD"] == "1"
    guard !record, let expected = try? String(contentsOf: file, encoding: .utf8) else {
        try? FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        try? actual.write(to: file, atomically: true, encoding: .utf8)
        Issue.record("recorded snapshot \(name); check it and re-run", sourceLocation: sourceLocation)
        return
    }
    if expected != actual {
        let expectedLines = expected.split(separator: "\n", omittingEmptySubsequences: false)
        let actualLines = actual.split(separator: "\n", omittingEmptySubsequences: false)
        let firstDifference =
            (0..<min(expectedLines.count, actualLines.count)).first { expectedLines[$0] != actualLines[$0] }
            ?? min(expectedLines.count, actualLines.count)
        Issue.record(
            """
            snapshot \(name) differs at line \(firstDifference + 1):
            expected: \(firstDifference < expectedLines.count ? String(expectedLines[firstDifference]) : "<end>")
            actual:   \(firstDifference < actualLines.count ? String(actualLines[firstDifference]) : "<end>")
            --- actual screen ---
            \(actual)
            """, sourceLocation: sourceLocation)
    }
}

/// Every row of a screen must be exactly its width in cells: the alignment invariant wide characters threaten.
func expectAligned(_ screen: Screen, sourceLocation: SourceLocation = #_sourceLocation) {
    for y in 0..<screen.height {
        var width = 0
        for x in 0..<screen.width {
            let cell = screen[x, y]
            if cell.isContinuation { continue }
            width += x + 1 < screen.width && screen[x + 1, y].isContinuation ? 2 : 1
        }
        #expect(width == screen.width, "row \(y) is \(width) cells wide", sourceLocation: sourceLocation)
    }
}

/// No cell may hold a control character (C0, DEL, C1) or a bidi override.
func expectNoControls(_ screen: Screen, sourceLocation: SourceLocation = #_sourceLocation) {
    for cell in screen.cells {
        for scalar in cell.text.unicodeScalars {
            let bad =
                scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value) || (0x202A...0x202E).contains(scalar.value)
                || (0x2066...0x2069).contains(scalar.value)
            #expect(!bad, "control U+\(String(scalar.value, radix: 16)) reached the screen", sourceLocation: sourceLocation)
        }
    }
}
