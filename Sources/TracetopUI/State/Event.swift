/// A key as the update function sees it; the terminal translates curses codes into these.
package enum Key: Hashable, Sendable {
    case character(Character)
    case up, down, left, right, pageUp, pageDown, home, end
    case enter, escape, tab, backTab, backspace
    case ctrlC, ctrlU
    case scrollUp, scrollDown
    case click(x: Int, y: Int)
}

/// Everything that can happen to the app.
package enum Event: Sendable {
    case key(Key)
    case resize(width: Int, height: Int)
    /// The clock moved on (µs since the epoch); drives the ~2 s refresh and the "slow collector" notice.
    case tick(now: Int64)
    case response(APIRequest, Result<APIPayload, ClientError>)
    /// A `:w` finished: where, and what went wrong (nil: written).
    case saved(path: String, error: String?)
}

/// What `update` asks the outside world to do. The run loop performs these; the state never does I/O.
package enum Effect: Hashable, Sendable {
    case fetch(APIRequest)
    /// Put text on the clipboard (OSC 52).
    case copy(String)
    /// Write a trace to a file as OTLP JSON (`:w PATH`).
    case save(TraceDetail, path: String)
    case quit
}
