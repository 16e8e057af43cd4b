import TraceModel

/// The services of the simulated shop. Each is one process with its own OpenTelemetry SDK (its own
/// resource and export batches) and, except the gateway, its own database.
package enum ShopService: Int, CaseIterable, Sendable, Hashable {
    case gateway, orders, billing, shipping, inventory, users

    package var name: String {
        switch self {
        case .gateway: return "gateway"
        case .orders: return "orders"
        case .billing: return "billing"
        case .shipping: return "shipping"
        case .inventory: return "inventory"
        case .users: return "users"
        }
    }

    /// How the service ships its logs. The "legacy" services predate the OpenTelemetry rollout: they post
    /// NDJSON lines that know only the correlation id, so their logs join traces through it alone.
    package var logStyle: LogStyle {
        switch self {
        case .shipping, .inventory: return .legacyNDJSON
        default: return .otlp
        }
    }

    package enum LogStyle: Sendable { case otlp, legacyNDJSON }

    var version: String {
        switch self {
        case .gateway: return "2.14.1"
        case .orders: return "1.32.0"
        case .billing: return "3.8.2"
        case .shipping: return "0.19.4"
        case .inventory: return "1.4.7"
        case .users: return "2.2.0"
        }
    }

    /// The implementation language decides the SDK resource attributes and what a stack trace looks like.
    var language: String {
        switch self {
        case .gateway, .inventory: return "go"
        case .orders, .billing: return "java"
        case .shipping: return "nodejs"
        case .users: return "python"
        }
    }

    var host: String { "\(name)-7d9f8c6b5-x\(rawValue)k2q" }
    var podAddress: String { "10.42.0." + String(10 + rawValue) }

    /// What the service's HTTP client sends as `User-Agent`.
    var httpClientName: String {
        switch language {
        case "java": return "Java-http-client/21.0.5"
        case "go": return "Go-http-client/1.1"
        case "nodejs": return "undici"
        default: return "python-httpx/0.28.1"
        }
    }
    var port: Int64 { self == .gateway ? 443 : 8080 }

    /// Database per service: each owns its store and nobody else queries it.
    var database: Database? {
        switch self {
        case .gateway: return nil
        case .orders: return Database(system: "postgresql", namespace: "orders", host: "orders-db", address: "10.42.1.11", port: 5432)
        case .billing: return Database(system: "postgresql", namespace: "billing", host: "billing-db", address: "10.42.1.12", port: 5432)
        case .shipping:
            return Database(system: "mongodb", namespace: "shipping", host: "shipping-mongo", address: "10.42.1.13", port: 27017)
        case .inventory: return Database(system: "mysql", namespace: "inventory", host: "inventory-db", address: "10.42.1.14", port: 3306)
        case .users: return Database(system: "postgresql", namespace: "users", host: "users-db", address: "10.42.1.15", port: 5432)
        }
    }

    struct Database: Sendable {
        var system: String
        var namespace: String
        var host: String
        var address: String
        var port: Int64
    }

    var resource: Resource {
        Resource(attributes: [
            KeyValue("service.name", .string(name)),
            KeyValue("service.namespace", .string("shop")),
            KeyValue("service.version", .string(version)),
            KeyValue("service.instance.id", .string("\(name)-0")),
            KeyValue("deployment.environment.name", .string("demo")),
            KeyValue("host.name", .string(host)),
            KeyValue("telemetry.sdk.name", .string("opentelemetry")),
            KeyValue("telemetry.sdk.language", .string(language)),
            KeyValue("telemetry.sdk.version", .string("1.45.0"))
        ])
    }

    var scope: InstrumentationScope { InstrumentationScope(name: "shop.\(name)", version: version) }
}
