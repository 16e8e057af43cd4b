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
                case (.trace(var trace), .trace(let detail)) where request == .trace(id: trace.traceID):
                    trace.receive(trace: detail, visible: waterfallRows)
                    tabs[tabIndex][pageIndex] = .trace(trace)
                case (.trace(var trace), .logs(let lines)) where request == .traceLogs(traceID: trace.traceID):
                    trace.receive(logs: lines)
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
                    if let row = services.selectedRow, request == .histogram(service: row.service, operation: row.operation, lookback: lookback) {
                        services.histogram = histogram
                        tabs[tabIndex][pageIndex] = .services(services)
                    }
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
                case .correlation(var correlation) where correlation.request == request:
                    correlation.error = message
                    tabs[tabIndex][pageIndex] = .correlation(correlation)
                default:
                    continue
                }
            }
        }
        notice = Notice(message, isError: true)
    }
}
