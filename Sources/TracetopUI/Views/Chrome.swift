/// The title bar, the status line and the hint bar (or the prompt) around every page.
enum Chrome {
    static func drawTitle(_ state: AppState, into screen: inout Screen) {
        screen.fill(x: 0, y: 0, width: screen.width, style: .titleBar)
        var x = screen.draw(" tracetop ", x: 0, y: 0, style: .titleBar)
        for (index, name) in AppState.tabNames.enumerated() {
            let current = index == state.tab
            x += screen.draw(
                current ? "[\(name)]" : " \(name) ", x: x, y: 0,
                style: current ? Style(foreground: .brightYellow, background: .darkBlue, bold: true) : .titleBar)
        }
        var right = " \(state.collectorLabel) "
        // A file is a snapshot: its label (name, traces, spans) replaces the lookback, which does not apply.
        if !state.source.isFile { right = " lookback \(state.lookback.label) │" + right }
        if state.paused { right = " ⏸ PAUSED │" + right }
        let rightWidth = min(DisplayText.width(of: right), max(0, screen.width - x - 2))
        let title = pageTitle(state)
        if !title.isEmpty {
            screen.draw(" │ " + title, x: x, y: 0, maxWidth: max(0, screen.width - x - rightWidth - 1), style: .titleBar)
        }
        if state.paused {
            screen.drawRight(
                right, right: screen.width, y: 0, maxWidth: rightWidth,
                style: Style(foreground: .brightYellow, background: .darkBlue, bold: true))
        } else {
            screen.drawRight(right, right: screen.width, y: 0, maxWidth: rightWidth, style: .titleBar)
        }
    }

    private static func pageTitle(_ state: AppState) -> String {
        switch state.page {
        case .traces(let list):
            return state.isRootPage ? (list.query.filter.text.isEmpty ? "" : "filter: " + list.query.filter.text) : list.title
        case .trace(let trace): return "trace " + trace.traceID
        case .logs(let logs): return logs.query.filter.source.isEmpty ? "" : "filter: " + logs.query.filter.source
        case .services, .serviceMap: return ""
        case .correlation(let correlation): return "correlation " + correlation.correlationId
        }
    }

    static func drawStatus(_ state: AppState, into screen: inout Screen) {
        let y = screen.height - 2
        var used = 0
        if let error = state.connection.error {
            used = screen.draw("✖ collector down: " + error + " (retrying)", x: 0, y: y, style: .error)
        } else if let wait = state.connection.oldestWait(now: state.now), wait >= 2_000_000 {
            used = screen.draw("… waiting for the collector (\(wait / 1_000_000)s)", x: 0, y: y, style: .warning)
        } else if case .file(let name) = state.source {
            used = screen.draw(
                "● offline: file " + name + " (no collector; no logs, no refresh)", x: 0, y: y, style: Style(foreground: .green))
        } else if let success = state.connection.lastSuccess {
            used = screen.draw("● connected · updated " + state.clock.time(success), x: 0, y: y, style: Style(foreground: .green))
        } else {
            used = screen.draw("… connecting to " + state.collectorLabel, x: 0, y: y, style: .dim)
        }
        if let notice = state.notice {
            let x = used + 3
            screen.draw(notice.text, x: x, y: y, maxWidth: screen.width - x, style: notice.isError ? .error : Style(foreground: .cyan))
        }
        if case .trace(let trace) = state.page, let search = trace.search {
            // The match count sits at the right end, drawn last so a notice cannot hide it.
            let label = " " + search.position + " /" + search.text + " (n/N, Esc clears)"
            screen.drawRight(
                label, right: screen.width, y: y, maxWidth: max(0, screen.width / 2), style: Style(foreground: .brightCyan, bold: true))
        }
    }

    static func drawHintOrPrompt(_ state: AppState, into screen: inout Screen) {
        let y = screen.height - 1
        if let prompt = state.prompt {
            let lead = prompt.kind == .command ? ":" : "/"
            // Show the end of long input: that is where the cursor is.
            let available = max(1, screen.width - 2)
            var text = prompt.text
            while DisplayText.width(of: text, limit: available + 1) > available - 1, !text.isEmpty { text.removeFirst() }
            var x = screen.draw(lead, x: 0, y: y, style: .bold)
            x += screen.draw(text, x: x, y: y)
            screen.draw("█", x: x, y: y, style: .dim)
            if let error = prompt.error {
                screen.draw("  " + error, x: x + 1, y: y, style: .error)
            } else if prompt.kind == .filter, text.isEmpty {
                let example = KeyHelp.filterExample(state.page)
                screen.draw("  e.g. " + example + "   Enter applies · Esc reverts", x: x + 1, y: y, style: .dim)
            } else if prompt.kind == .search, text.isEmpty {
                screen.draw(
                    "  find spans: service, operation, attribute, value, event — e.g. timeout   Enter finds · empty clears", x: x + 1, y: y,
                    style: .dim)
            }
            return
        }
        var x = 0
        for (key, action) in KeyHelp.hints(for: state) {
            guard x < screen.width else { break }
            x += screen.draw(key, x: x, y: y, style: Style(foreground: .brightCyan, bold: true))
            x += screen.draw(" " + action + "  ", x: x, y: y, style: .dim)
        }
    }
}
