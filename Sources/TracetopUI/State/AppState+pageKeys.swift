import TracetopAPI

extension AppState {
    mutating func handleTraceListKey(_ key: Key) -> [Effect] {
        guard case .traces(var list) = page else { return [] }
        let outcome = traceListKey(key, &list)
        page = .traces(list)
        return perform(outcome) + whyFetches()
    }

    /// The traces the why-line column needs for the rows on screen (each fetched once; `fetch` skips repeats).
    mutating func whyFetches() -> [Effect] {
        guard case .traces(let list) = page else { return [] }
        return list.missingWhy(visible: traceListRows).flatMap { fetch(.trace(id: $0)) }
    }

    private mutating func traceListKey(_ key: Key, _ list: inout TraceListPage) -> Outcome {
        if list.cursor.handle(key, count: list.summaries.count, visible: traceListRows) { return .stay }
        switch key {
        case .enter:
            guard let summary = list.selectedSummary else { return .stay }
            if let baseline = list.markedForCompare, baseline != summary.traceID {
                list.markedForCompare = nil
                return .push(.trace(TracePage(traceID: summary.traceID, correlationIds: summary.correlationIds, compareWith: baseline)))
            }
            return .push(.trace(TracePage(traceID: summary.traceID, correlationIds: summary.correlationIds)))
        case .character("d"):
            guard let summary = list.selectedSummary else { return .stay }
            if list.markedForCompare == summary.traceID {
                list.markedForCompare = nil
                notice = Notice("compare mark cleared")
            } else {
                list.markedForCompare = summary.traceID
                notice = Notice("baseline \(summary.traceID.prefix(12))… marked: ⏎ on another trace compares (d again clears)")
            }
            return .stay
        case .character("s"):
            list.query.sort = list.query.sort.next
            list.descending = true
            list.resort()
            notice = Notice("sorted by \(list.query.sort.rawValue)")
            return .refresh
        case .character("S"):
            list.descending.toggle()
            list.resort()
            notice = Notice("sorted by \(list.query.sort.rawValue), \(list.descending ? "descending" : "ascending")")
            return .stay
        case .character("y"):
            return list.selectedSummary.map { .copy($0.traceID) } ?? .stay
        case .character("c"):
            return list.selectedSummary.map { .correlation($0.correlationIds) } ?? .stay
        case .character("w"):
            list.showWhy.toggle()
            notice = Notice(list.showWhy ? "why-line column on (each trace on screen is fetched once)" : "why-line column off")
            return .stay
        case .escape:
            return .back
        default:
            return .stay
        }
    }

    mutating func handleLogsKey(_ key: Key) -> [Effect] {
        guard case .logs(var logs) = page else { return [] }
        let outcome = logsKey(key, &logs)
        page = .logs(logs)
        return perform(outcome)
    }

    private mutating func logsKey(_ key: Key, _ logs: inout LogsPage) -> Outcome {
        if logs.cursor.handle(key, count: logs.lines.count, visible: plainListRows) {
            logs.follow = logs.cursor.selected >= logs.lines.count - 1
            return .stay
        }
        let line = logs.lines.indices.contains(logs.cursor.selected) ? logs.lines[logs.cursor.selected] : nil
        switch key {
        case .enter:
            guard let line else { return .stay }
            return openTrace(of: line)
        case .character("c"):
            return .correlation(line?.correlationIds ?? [])
        case .character("y"):
            guard let line, !line.traceID.isEmpty else { return .stay }
            return .copy(line.traceID)
        default:
            return .stay
        }
    }

    /// Enter on a log line: its trace, with its span selected.
    private mutating func openTrace(of line: LogLine) -> Outcome {
        guard !line.traceID.isEmpty else {
            notice = Notice("this log line is not linked to a trace", isError: true)
            return .stay
        }
        return .push(
            .trace(
                TracePage(traceID: line.traceID, correlationIds: line.correlationIds, selectSpanID: line.spanID.isEmpty ? nil : line.spanID)
            ))
    }

    mutating func handleServicesKey(_ key: Key) -> [Effect] {
        guard case .services(var services) = page else { return [] }
        let outcome = servicesKey(key, &services)
        page = .services(services)
        return perform(outcome)
    }

    private mutating func servicesKey(_ key: Key, _ services: inout ServicesPage) -> Outcome {
        let before = services.selectedRow
        if services.cursor.handle(key, count: services.rows.count, visible: servicesRows) {
            guard let row = services.selectedRow, row != before else { return .stay }
            services.histogram = nil
            return .fetch(.histogram(service: row.service, operation: row.operation, lookback: lookback))
        }
        guard key == .enter, let row = services.selectedRow else { return .stay }
        var filter = TraceFilter()
        filter.service = row.service
        filter.operation = row.operation
        filter.text = "service=\(row.service) op=\(row.operation)"
        let list = TraceListPage(
            title: "Slowest \(row.service) \(row.operation)", query: TraceListQuery(filter: filter, lookback: lookback, sort: .duration))
        return .push(.traces(list))
    }

    mutating func handleCorrelationKey(_ key: Key) -> [Effect] {
        guard case .correlation(var correlation) = page else { return [] }
        let outcome = correlationKey(key, &correlation)
        page = .correlation(correlation)
        return perform(outcome)
    }

    private mutating func correlationKey(_ key: Key, _ correlation: inout CorrelationPage) -> Outcome {
        if correlation.cursor.handle(key, count: correlation.itemCount, visible: plainListRows) { return .stay }
        if key == .escape { return .back }
        guard key == .enter, let value = correlation.correlation else { return .stay }
        let index = correlation.cursor.selected
        if index < value.traces.count {
            return .push(.trace(TracePage(traceID: value.traces[index].traceID, correlationIds: value.traces[index].correlationIds)))
        }
        let logIndex = index - value.traces.count
        guard value.logs.indices.contains(logIndex) else { return .stay }
        return openTrace(of: value.logs[logIndex])
    }
}
