/// Wall-clock formatting of µs timestamps, with the UTC offset decided once at the edge (tests use 0).
package struct WallClock: Hashable, Sendable {
    package var utcOffsetSeconds: Int

    package init(utcOffsetSeconds: Int = 0) { self.utcOffsetSeconds = utcOffsetSeconds }

    package func time(_ micros: Int64, milliseconds: Bool = false) -> String {
        let local = micros / 1_000_000 + Int64(utcOffsetSeconds)
        let secondsOfDay = ((local % 86_400) + 86_400) % 86_400
        var text = two(secondsOfDay / 3600) + ":" + two((secondsOfDay % 3600) / 60) + ":" + two(secondsOfDay % 60)
        if milliseconds {
            let millis = ((micros % 1_000_000) + 1_000_000) % 1_000_000 / 1_000
            text += "." + (millis < 10 ? "00" : millis < 100 ? "0" : "") + String(millis)
        }
        return text
    }

    private func two(_ value: Int64) -> String { value < 10 ? "0\(value)" : "\(value)" }
}
