/// One page of a view stack.
package enum Page: Sendable {
    case traces(TraceListPage)
    case trace(TracePage)
    case logs(LogsPage)
    case services(ServicesPage)
    case correlation(CorrelationPage)
    case serviceMap(ServiceMapPage)
}
