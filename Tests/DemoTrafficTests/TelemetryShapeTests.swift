import DemoTraffic
import Testing
import TraceModel
import WireCodecs

/// Ids, resources, semantic conventions and export batching of the generated telemetry.
@Suite struct TelemetryShapeTests {
    let data = DemoDataset.standard

    @Test func everyIDIsValidAndUnique() {
        var seen = Set<String>()
        for item in data.spans {
            #expect(item.span.traceID.isValid && item.span.spanID.isValid)
            #expect(seen.insert(item.span.traceID.hex + item.span.spanID.hex).inserted, "duplicate span \(item.span.spanID)")
        }
        let roots = data.spans.filter { $0.span.parentSpanID == nil }
        #expect(Set(roots.map(\.span.traceID)).count == roots.count, "one root per trace")
        #expect(Set(data.spans.map(\.span.spanID)).count == data.spans.count, "span ids unique across traces too")
    }

    @Test func everyParentArrivesInTheSameTrace() {
        let keys = Set(data.spans.map { $0.span.traceID.hex + $0.span.spanID.hex })
        for item in data.spans {
            if let parent = item.span.parentSpanID {
                #expect(keys.contains(item.span.traceID.hex + parent.hex), "orphan \(item.span.name)")
            }
        }
    }

    @Test func resourcesNameTheServiceLikeAnSDK() {
        for request in data.requests {
            guard case .traces(let traces) = request.payload else { continue }
            #expect(traces.resourceSpans.count == 1, "one process, one resource per request")
            let resource = traces.resourceSpans[0].resource
            #expect(resource.serviceName == request.service.name)
            for key in ["service.version", "deployment.environment.name", "host.name"] {
                #expect(resource.attributes[key: key]?.stringValue?.isEmpty == false, "missing \(key)")
            }
        }
        #expect(Set(data.spans.map(\.service)) == Set(ShopService.allCases.map(\.name)))
    }

    @Test func spansUseCurrentSemanticConventions() {
        for span in data.spans.map(\.span) {
            let keys = Set(span.attributes.map(\.key))
            #expect(keys.isDisjoint(with: ["http.method", "http.status_code", "db.system", "db.statement", "http.target"]))
            if keys.contains("db.query.text") { #expect(keys.contains("db.system.name") && span.kind == .client) }
            if span.kind == .server && keys.contains("http.route") {
                #expect(keys.isSuperset(of: ["http.request.method", "http.response.status_code", "url.path"]))
            }
            if keys.contains("rpc.system") { #expect(span.attribute("rpc.system") == .string("grpc")) }
            if span.kind == .producer || span.kind == .consumer { #expect(keys.contains("messaging.system")) }
            if span.isError { #expect(keys.contains("error.type")) }
        }
        let databases = Set(
            data.spans.compactMap { item in
                item.span.attribute("db.namespace")?.stringValue.map { item.service + "/" + $0 }
            })
        #expect(
            databases == ["orders/orders", "billing/billing", "shipping/shipping", "inventory/inventory", "users/users"],
            "database per service")
    }

    @Test func serverSpansOfSynchronousCallsHaveRemoteClientParents() {
        let byKey = Dictionary(uniqueKeysWithValues: data.spans.map { ($0.span.traceID.hex + $0.span.spanID.hex, $0) })
        let servers = data.spans.filter { $0.span.kind == .server && $0.span.parentSpanID != nil }
        #expect(!servers.isEmpty)
        for server in servers {
            guard let parent = server.span.parentSpanID, let client = byKey[server.span.traceID.hex + parent.hex] else { continue }
            #expect(client.span.kind == .client && client.service != server.service)
            #expect(server.span.flags & 0x300 == 0x300, "parent is remote")
        }
    }

    @Test func exportersBatchSeveralTracesAndSometimesSendChildrenFirst() {
        var sentAt: [String: Int] = [:]
        var mixed = false
        for (index, request) in data.requests.enumerated() {
            guard case .traces(let traces) = request.payload else { continue }
            let spans = traces.resourceSpans.flatMap(\.scopeSpans).flatMap(\.spans)
            #expect(spans.count <= ShopConfiguration().maxExportBatch)
            if Set(spans.map(\.traceID)).count > 1 { mixed = true }
            for span in spans { sentAt[span.traceID.hex + span.spanID.hex] = index }
        }
        #expect(mixed)
        let childFirst = data.spans.contains { item in
            guard let parent = item.span.parentSpanID,
                let parentIndex = sentAt[item.span.traceID.hex + parent.hex],
                let index = sentAt[item.span.traceID.hex + item.span.spanID.hex]
            else { return false }
            return index < parentIndex
        }
        #expect(childFirst)
    }

    @Test func spansAreAboutAKilobyteOfOTLPJSON() {
        var bytes = 0
        for request in data.requests {
            if case .traces(let traces) = request.payload { bytes += OTLPJSON.encode(traces).count }
        }
        let perSpan = bytes / data.spans.count
        #expect((600...1600).contains(perSpan), "\(perSpan) bytes per span")
    }

    @Test func sameSeedSameDataOtherSeedOtherData() {
        let first = DemoDataset.generate(seed: 7, count: 120)
        let second = DemoDataset.generate(seed: 7, count: 120)
        let other = DemoDataset.generate(seed: 8, count: 120)
        #expect(first == second)
        #expect(first != other)
    }

    @Test func timesAreRelativeToTheStart() {
        let shift: UInt64 = 3_600_000_000_000
        let early = DemoDataset(DemoDataset.generate(seed: 5, count: 150))
        let late = DemoDataset(DemoDataset.generate(seed: 5, count: 150, start: DemoDataset.start + shift))
        #expect(early.spans.count == late.spans.count)
        for (a, b) in zip(early.spans, late.spans) {
            #expect(b.span.startTimeUnixNano == a.span.startTimeUnixNano + shift)
            #expect(b.span.endTimeUnixNano == a.span.endTimeUnixNano + shift)
            #expect(b.span.spanID == a.span.spanID)
        }
    }

    @Test func encodedTelemetryDecodesWithNoRejections() throws {
        for request in data.requests {
            switch request.payload {
            case .traces(let traces):
                let decoded = try OTLPJSON.decodeTraces(OTLPJSON.encode(traces))
                #expect(decoded.rejected.count == 0, "\(decoded.rejected.message)")
                #expect(decoded.data == traces)
            case .logs(let logs):
                let decoded = try OTLPJSON.decodeLogs(OTLPJSON.encode(logs))
                #expect(decoded.rejected.count == 0, "\(decoded.rejected.message)")
                #expect(decoded.data == logs)
            case .ndjson(let bytes):
                #expect(bytes.last == UInt8(ascii: "\n"))
            }
        }
    }
}
