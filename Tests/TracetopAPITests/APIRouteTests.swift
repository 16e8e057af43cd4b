import Testing
import TracetopAPI

@Suite("Routes and parameter names")
struct APIRouteTests {
    @Test func pathsAreSpelledForTheRouterAndForURLs() {
        #expect(APIRoute.trace.routerPath == "/api/traces/:traceID")
        #expect(APIRoute.serviceOperations.routerPath == "/api/services/:service/operations")
        #expect(APIRoute.serviceOperations.pathParameters == ["service"])
        #expect(APIRoute.correlation.segments("a/b") == ["api", "correlations", "a/b"])
        #expect(APIRoute.latencyHistogram.segments() == ["api", "latency", "histogram"])
    }

    @Test func everyRouteIsListedOnceAndEveryParameterIsUsed() {
        #expect(Set(APIRoute.all.map(\.path)).count == APIRoute.all.count)
        let used = Set(APIRoute.all.flatMap(\.queryParameters))
        #expect(used == Set(QueryParameter.allCases), "unused: \(Set(QueryParameter.allCases).subtracting(used))")
    }
}
