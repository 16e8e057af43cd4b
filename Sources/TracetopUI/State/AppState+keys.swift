import TraceModel

extension AppState {
    /// Keys that mean the same on every page; the rest go to the page.
    mutating func handle(_ key: Key) -> [Effect] {
        if key == .ctrlC { return [.quit] }
        if prompt != nil { return handlePrompt(key) }
        if showHelp { showHelp = false; return [] }
        if isTooSmall { return key == .character("q") ? [.quit] : [] }
        if case .character(let character) = key, character != "c", character != " " { notice = nil }
        switch key {
        case .character("?"):
            showHelp = true
            return []
        case .character(":"):
            prompt = Prompt(kind: .command)
            return []
        case .character("/"):
            if case .trace(let trace) = page, trace.mode != .statistics {
                prompt = Prompt(kind: .search, text: trace.search?.text ?? "")
                return []
            }
            guard let text = filterText else {
                notice = Notice("this view has no filter; / filters Traces and Logs and searches a trace", isError: true)
                return []
            }
            prompt = Prompt(kind: .filter, text: text)
            return []
        case .character(let key) where source.isFile && DataSource.collectorOnlyKeys[key] != nil:
            notice = Notice(DataSource.collectorOnlyKeys[key]!)
            return []
        case .character(let digit) where source.isFile && ("1"..."6").contains(digit):
            notice = Notice(DataSource.noLookback)
            return []
        case .character(" "):
            paused.toggle()
            if !paused { lastRefresh = now; return refresh() }
            return []
        case .character("r"):
            lastRefresh = now
            if case .trace(let trace) = page {
                // A trace is fetched once; `r` fetches it again for spans and logs that arrived since.
                return fetch(.trace(id: trace.traceID)) + fetch(.traceLogs(traceID: trace.traceID))
            }
            return refresh()
        case .character("q"):
            return back(quitAtRoot: true)
        case .character(let digit) where ("1"..."6").contains(digit):
            guard let lookback = Lookback(rawValue: Int(String(digit))!) else { return [] }
            return setLookback(lookback)
        case .tab, .backTab:
            if case .trace = page { return handleTraceKey(key) }
            return switchTab(by: key == .tab ? 1 : -1)
        case .click(let x, let y):
            click(x: x, y: y)
            return []
        default:
            break
        }
        switch page {
        case .traces: return handleTraceListKey(key)
        case .trace: return handleTraceKey(key)
        case .logs: return handleLogsKey(key)
        case .services: return handleServicesKey(key)
        case .correlation: return handleCorrelationKey(key)
        case .serviceMap: return handleServiceMapKey(key)
        }
    }

    /// The current page's filter text, or nil when the page has no filter.
    private var filterText: String? {
        switch page {
        case .traces(let list): return list.query.filter.text
        case .logs(let logs): return logs.query.filter.source
        default: return nil
        }
    }

    private mutating func setLookback(_ lookback: Lookback) -> [Effect] {
        self.lookback = lookback
        for tabIndex in tabs.indices {
            for pageIndex in tabs[tabIndex].indices {
                if case .traces(var list) = tabs[tabIndex][pageIndex] {
                    list.query.lookback = lookback
                    tabs[tabIndex][pageIndex] = .traces(list)
                }
            }
        }
        notice = Notice("lookback \(lookback.label)")
        return refresh()
    }

    // MARK: prompt

    private mutating func handlePrompt(_ key: Key) -> [Effect] {
        guard var prompt else { return [] }
        switch key {
        case .escape:
            self.prompt = nil  // Esc reverts: the page's filter was never touched.
            return []
        case .enter:
            switch prompt.kind {
            case .filter: return applyFilter(prompt.text)
            case .search: return applySearch(prompt.text)
            case .command: return runCommand(prompt.text)
            }
        case .backspace:
            if !prompt.text.isEmpty { prompt.text.removeLast() }
        case .ctrlU:
            prompt.text = ""
        case .character(let character):
            // Only printable text goes into the prompt; pasted control characters are dropped.
            guard prompt.text.unicodeScalars.count < Prompt.maxLength,
                !character.unicodeScalars.contains(where: { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) })
            else { return [] }
            prompt.text.append(character)
        default:
            return []
        }
        prompt.error = nil
        self.prompt = prompt
        return []
    }

    private mutating func applyFilter(_ text: String) -> [Effect] {
        do {
            switch page {
            case .traces(var list):
                list.query.filter = try TraceFilter.parse(text)
                list.cursor = ListCursor()
                list.loaded = false
                page = .traces(list)
            case .logs(var logs):
                logs.query.filter = try LogFilter.parse(text)
                logs.cursor = ListCursor()
                logs.follow = true
                logs.loaded = false
                page = .logs(logs)
            default:
                break
            }
        } catch {
            prompt?.error = error.message
            return []
        }
        prompt = nil
        return refresh()
    }

    private mutating func runCommand(_ text: String) -> [Effect] {
        let words = text.split(separator: " ")
        guard let command = words.first else { prompt = nil; return [] }
        let argument = words.dropFirst().joined(separator: " ")
        switch command {
        case "q", "quit":
            return [.quit]
        case "trace":
            guard let id = TraceID(hex: argument), id.isValid else {
                prompt?.error = "':trace' needs a trace id of 32 hex digits, got '\(argument)'"
                return []
            }
            prompt = nil
            return push(.trace(TracePage(traceID: id.hex)))
        case "diff":
            let ids = argument.split(separator: " ").map(String.init)
            guard ids.count == 2, let baseline = TraceID(hex: ids[0]), baseline.isValid, let other = TraceID(hex: ids[1]), other.isValid
            else {
                prompt?.error = "':diff' needs two trace ids of 32 hex digits: the baseline, then the trace to compare"
                return []
            }
            prompt = nil
            return push(.trace(TracePage(traceID: other.hex, compareWith: baseline.hex)))
        case "w":
            guard case .trace(let trace) = page, let tree = trace.tree else {
                prompt?.error = "':w <path>' writes the open trace: open one first"
                return []
            }
            guard !argument.isEmpty else {
                prompt?.error = "':w' needs a file path, e.g. :w slow-checkout.json"
                return []
            }
            prompt = nil
            return [.save(TraceDetail(traceID: tree.traceID, spans: tree.spans, processes: tree.processes), path: argument)]
        case "corr":
            guard !argument.isEmpty else {
                prompt?.error = "':corr' needs a correlation id"
                return []
            }
            prompt = nil
            return push(.correlation(CorrelationPage(correlationId: argument)))
        default:
            prompt?.error = "unknown command ':\(command)'; try :trace <id>, :diff <a> <b>, :corr <id>, :w <path> or :q"
            return []
        }
    }
}
