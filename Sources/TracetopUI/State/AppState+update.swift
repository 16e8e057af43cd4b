import TracetopAPI

extension AppState {
    /// The pure update: a new state and the effects to perform. Nothing here does I/O or reads a clock.
    package static func update(_ state: AppState, _ event: Event) -> (AppState, [Effect]) {
        var next = state
        let effects = next.apply(event)
        return (next, effects)
    }

    /// The effects to start with (the first fetch).
    package mutating func start(now: Int64) -> [Effect] {
        self.now = now
        lastRefresh = now
        return refresh()
    }

    /// In-place form of `update` for the run loop (no copy of a large trace per key).
    package mutating func apply(_ event: Event) -> [Effect] {
        switch event {
        case .resize(let width, let height):
            self.width = max(0, width)
            self.height = max(0, height)
            clampCursors()
            return []
        case .tick(let now):
            self.now = now
            // A file is read once: nothing to refresh (its answers arrive at once, so nothing to retry either).
            guard !paused, !source.isFile, lastRefresh.map({ now - $0 >= refreshInterval }) ?? true else { return [] }
            lastRefresh = now
            return refresh()
        case .response(let request, let result):
            return receive(request, result)
        case .key(let key):
            return handle(key)
        case .saved(let path, let error):
            notice = error.map { Notice($0, isError: true) } ?? Notice("wrote \(path) (OTLP JSON: tracetop --file \(path) opens it)")
            return []
        }
    }

    /// Requests a fetch unless the same one is already on its way. An answer that never came back (the
    /// client's own timeouts make that unlikely) stops blocking a resend after `ConnectionStatus.lostAfter`.
    mutating func fetch(_ request: APIRequest) -> [Effect] {
        if let sent = connection.inFlight[request], now - sent < ConnectionStatus.lostAfter { return [] }
        connection.inFlight[request] = now
        return [.fetch(request)]
    }

    /// What the current page needs from the collector now.
    mutating func refresh() -> [Effect] {
        switch page {
        case .traces(let list): return fetch(list.request)
        case .logs(let logs): return fetch(logs.request)
        case .services(let services):
            var effects = fetch(.latency(lookback))
            if let row = services.selectedRow {
                effects += fetch(.histogram(service: row.service, operation: row.operation, lookback: lookback))
            }
            return effects
        case .correlation(let correlation): return fetch(correlation.request)
        case .serviceMap: return fetch(.dependencies(lookback))
        case .trace(let trace):
            // Retry what failed or is missing; a trace still arriving is fetched again below.
            var effects: [Effect] = []
            if trace.tree == nil { effects += fetch(.trace(id: trace.traceID)) }
            // Still arriving (growing, or recent): fetched again so late spans appear by themselves.
            if let tree = trace.tree, let live = trace.live, live.isLive(endTime: tree.endTime, now: now) {
                effects += fetch(.trace(id: trace.traceID))
            }
            if trace.logs == nil { effects += fetch(.traceLogs(traceID: trace.traceID)) }
            if let compare = trace.compare, compare.step == .baseline, compare.baseline == nil, let id = compare.baselineID {
                effects += fetch(.trace(id: id))
            }
            return effects
        }
    }

    mutating func push(_ page: Page) -> [Effect] {
        tabs[tab].append(page)
        notice = nil
        return refresh()
    }

    /// Esc / q: back one page; on a view's first page `q` quits.
    mutating func back(quitAtRoot: Bool) -> [Effect] {
        if tabs[tab].count > 1 {
            tabs[tab].removeLast()
            clampCursors()
            return refresh()
        }
        return quitAtRoot ? [.quit] : []
    }

    mutating func switchTab(by delta: Int) -> [Effect] {
        tab = (tab + delta + tabs.count) % tabs.count
        notice = nil
        clampCursors()
        return refresh()
    }

    /// After a resize every page's selection must stay visible.
    mutating func clampCursors() {
        for tabIndex in tabs.indices {
            for pageIndex in tabs[tabIndex].indices {
                switch tabs[tabIndex][pageIndex] {
                case .traces(var list):
                    list.cursor.clamp(count: list.summaries.count, visible: traceListRows)
                    tabs[tabIndex][pageIndex] = .traces(list)
                case .trace(var trace):
                    trace.cursor.clamp(count: trace.rows.count, visible: waterfallRows)
                    tabs[tabIndex][pageIndex] = .trace(trace)
                case .logs(var logs):
                    logs.cursor.clamp(count: logs.lines.count, visible: plainListRows)
                    tabs[tabIndex][pageIndex] = .logs(logs)
                case .services(var services):
                    services.cursor.clamp(count: services.rows.count, visible: servicesRows)
                    tabs[tabIndex][pageIndex] = .services(services)
                case .correlation(var correlation):
                    correlation.cursor.clamp(count: correlation.itemCount, visible: plainListRows)
                    tabs[tabIndex][pageIndex] = .correlation(correlation)
                case .serviceMap(var map):
                    map.reveal(visible: plainListRows)
                    tabs[tabIndex][pageIndex] = .serviceMap(map)
                }
            }
        }
    }

    // Visible rows per page kind, from the same layout the views draw with.
    var traceListRows: Int { PageLayout.traceList(width: width, height: height).list.height }
    var waterfallRows: Int { PageLayout.trace(width: width, height: height).waterfall.height }
    var detailRows: Int { max(1, PageLayout.trace(width: width, height: height).detail.height - 1) }
    var plainListRows: Int { PageLayout.list(width: width, height: height).height }
    var servicesRows: Int {
        PageLayout.list(width: width, height: height, reservedBelow: PageLayout.servicesHistogramHeight(height: height)).height
    }
}
