import TracetopAPI

extension AppState {
    /// Routes an answer to every page that asked for exactly this request; answers to an old query
    /// (the filter changed meanwhile) match no page and are dropped.
    mutating func receive(_ request: APIRequest, _ result: Result<APIPayload, ClientError>) -> [Effect] {
        connection.inFlight[request] = nil
        let payload: APIPayload
        switch result {
        case .failure(let error):
            if error.collectorAnswered {
                connection.error = nil
                connection.lastSuccess = now
                deliverFailure(request, error.message)
            } else {
                connection.error = error.message
            }
            return []
        case .success(let value):
            payload = value
            connection.error = nil
            connection.lastSuccess = now
        }
        var effects: [Effect] = []
        for tabIndex in tabs.indices {
            for pageIndex in tabs[tabIndex].indices {
                switch (tabs[tabIndex][pageIndex], payload) {
                case (.traces(var list), .summaries(let summaries)) where list.request == request:
                    list.receive(summaries, visible: traceListRows)
                    tabs[tabIndex][pageIndex] = .traces(list)
                    if tabIndex == tab, pageIndex == tabs[tabIndex].count - 1 { effects += whyFetches() }
                case (.traces(var list), .trace(let detail))
                where list.showWhy && list.summaries.contains(where: { $0.traceID == detail.traceID }):
                    list.why[detail.traceID] = WhyLine(TraceTree(detail))
                    tabs[tabIndex][pageIndex] = .traces(list)
                case (.trace(var trace), .trace(let detail)) where request == .trace(id: trace.traceID):
                    trace.receive(trace: detail, visible: waterfallRows)
                    tabs[tabIndex][pageIndex] = .trace(trace)
                case (.trace(var trace), .logs(let lines)) where request == .traceLogs(traceID: trace.traceID):
                    trace.receive(logs: lines)
                    tabs[tabIndex][pageIndex] = .trace(trace)
                case (.trace(var trace), _) where trace.compare != nil:
                    effects += advanceComparison(&trace, request: request, payload: payload)
                    tabs[tabIndex][pageIndex] = .trace(trace)
                case (.logs(var logs), .logs(let lines)) where logs.request == request:
                    logs.receive(lines, visible: plainListRows)
                    tabs[tabIndex][pageIndex] = .logs(logs)
                case (.services(var services), .latency(let rows)) where request == .latency(lookback):
                    let hadSelection = services.selectedRow != nil
                    services.receive(rows, visible: servicesRows)
                    tabs[tabIndex][pageIndex] = .services(services)
                    if !hadSelection, let row = services.selectedRow, tabIndex == tab {
                        effects += fetch(.histogram(service: row.service, operation: row.operation, lookback: lookback))
                    }
                case (.services(var services), .histogram(let histogram)):
                    if let row = services.selectedRow,
                        request == .histogram(service: row.service, operation: row.operation, lookback: lookback)
                    {
                        services.histogram = histogram
                        tabs[tabIndex][pageIndex] = .services(services)
                    }
                case (.serviceMap(var map), .dependencies(let links)) where request == .dependencies(lookback):
                    map.receive(links, visible: plainListRows)
                    tabs[tabIndex][pageIndex] = .serviceMap(map)
                case (.correlation(var correlation), .correlation(let value)) where correlation.request == request:
                    correlation.correlation = value
                    correlation.error = nil
                    correlation.cursor.clamp(count: correlation.itemCount, visible: plainListRows)
                    tabs[tabIndex][pageIndex] = .correlation(correlation)
                default:
                    continue
                }
            }
        }
        return effects
    }

    /// The collector answered with an error (404, 400): the page that asked says so.
    private mutating func deliverFailure(_ request: APIRequest, _ message: String) {
        for tabIndex in tabs.indices {
            for pageIndex in tabs[tabIndex].indices {
                switch tabs[tabIndex][pageIndex] {
                case .trace(var trace) where request == .trace(id: trace.traceID):
                    trace.error = message
                    tabs[tabIndex][pageIndex] = .trace(trace)
                case .trace(var trace) where trace.compare?.baselineID.map({ request == .trace(id: $0) }) == true:
                    trace.compare?.step = .failed("cannot load the baseline trace: " + message)
                    tabs[tabIndex][pageIndex] = .trace(trace)
                case .correlation(var correlation) where correlation.request == request:
                    correlation.error = message
                    tabs[tabIndex][pageIndex] = .correlation(correlation)
                case .traces(var list) where list.showWhy:
                    guard case .trace(let id) = request, list.summaries.contains(where: { $0.traceID == id }) else { continue }
                    list.why[id] = WhyLine(facts: [.init(kind: .calm, span: nil, text: "cannot load: " + message)])
                    tabs[tabIndex][pageIndex] = .traces(list)
                default:
                    continue
                }
            }
        }
        notice = Notice(message, isError: true)
    }
}
