// swift-tools-version:6.1
import PackageDescription

let swiftSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility")
]

let package = Package(
    name: "tracetop",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "tracetop-collector", targets: ["TracetopCollector"]),
        .executable(name: "tracetop", targets: ["tracetop"]),
        .executable(name: "tracetop-demo", targets: ["TracetopDemo"]),
        .executable(name: "tracetop-bench", targets: ["TracetopBench"])
    ],
    dependencies: [
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/HdrHistogram/hdrhistogram-swift", from: "0.2.0"),
        .package(url: "https://github.com/adam-fowler/compress-nio", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        // TLS certificates and keys for `--tls-cert`/`--tls-key` (HummingbirdTLS serves with it).
        .package(url: "https://github.com/apple/swift-nio-ssl.git", from: "2.29.0"),
        // HTTP request and response parts, for the handler that counts connections (`--max-connections`).
        .package(url: "https://github.com/apple/swift-nio-extras.git", from: "1.35.0"),
        // HTTPS that trusts a given CA for tracetop and tracetop-demo (`--ca-cert`): URLSession on Linux cannot.
        .package(url: "https://github.com/swift-server/async-http-client.git", from: "1.37.0"),
        // `/metrics`: the collector's own counters and histograms in Prometheus' text format.
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
        .package(url: "https://github.com/apple/swift-metrics", from: "2.13.0"),
        // OTLP/gRPC ingest on 4317 (`--grpc-listen`): the core (RPCRouter, codecs) and the HTTP/2 transport.
        .package(url: "https://github.com/grpc/grpc-swift-2", from: "2.4.3"),
        .package(url: "https://github.com/grpc/grpc-swift-nio-transport", from: "2.9.2"),
        // HTTP/2 frames, for the handler that checks gRPC's message framing before the transport does.
        .package(url: "https://github.com/apple/swift-nio-http2", from: "1.46.0"),
        // PostgreSQL as a shared store for several collectors (`--db postgres://…`).
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2")
    ],
    targets: [
        // The domain: ids, spans, log records, attribute values, and the rules about them. No dependencies.
        .target(name: "TraceModel", swiftSettings: swiftSettings),
        // JSON reading (tree and pull) and writing, over bytes. No dependencies.
        .target(name: "JSONToolkit", swiftSettings: swiftSettings),
        // The wire formats spans and logs arrive in and leave as: OTLP JSON and protobuf, Zipkin v1/v2.
        .target(name: "WireCodecs", dependencies: ["TraceModel", "JSONToolkit"], swiftSettings: swiftSettings),
        // SQLite storage behind the TraceStore protocol.
        .target(
            name: "TraceStore",
            dependencies: [
                "TraceModel",
                .product(name: "GRDB", package: "GRDB.swift"),
                // The span insert binds through SQLite's C API (see RawStatement).
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
                .product(name: "Logging", package: "swift-log"),
                // A trace's spans are stored as zstd-compressed chunks (see TraceChunk).
                "CZstd"
            ],
            swiftSettings: swiftSettings
        ),
        // PostgreSQL storage behind the same TraceStore protocol, for several collectors sharing one database.
        .target(
            name: "TraceStorePostgres",
            dependencies: [
                "TraceModel", "TraceStore",
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                // Connection errors, to say why a connection failed in a few words.
                .product(name: "NIOPosix", package: "swift-nio"),
                // TLS for sslmode=prefer, require and verify-full.
                .product(name: "NIOSSL", package: "swift-nio-ssl")
            ],
            swiftSettings: swiftSettings
        ),
        // tracetop's own query API: every shape with its JSON writer and reader, the routes and parameter names.
        // The collector writes through it, tracetop reads through it.
        .target(name: "TracetopAPI", dependencies: ["TraceModel", "JSONToolkit"], swiftSettings: swiftSettings),
        // Gathering logs from every source: OTLP log records and structured lines, as the log entries the store keeps.
        .target(name: "LogAggregator", dependencies: ["TraceModel", "JSONToolkit", "WireCodecs"], swiftSettings: swiftSettings),
        // HTTP ingest and query API.
        .target(
            name: "Collector",
            dependencies: [
                "TraceModel", "JSONToolkit", "WireCodecs", "TraceStore", "TraceStorePostgres", "LogAggregator", "TracetopAPI",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTLS", package: "hummingbird"),
                // HTTP1Channel's configuration, for the connection handler.
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "CompressNIO", package: "compress-nio"),
                .product(name: "NIOCore", package: "swift-nio"),
                // The event loops the OTLP/gRPC server's tasks run on (`EventLoopTaskExecutor`).
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTPTypes", package: "swift-nio-extras"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "GRPCCore", package: "grpc-swift-2"),
                .product(name: "GRPCNIOTransportHTTP2", package: "grpc-swift-nio-transport"),
                .product(name: "NIOHTTP2", package: "swift-nio-http2"),
                .product(name: "NIOHPACK", package: "swift-nio-http2")
            ],
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "TracetopCollector",
            dependencies: [
                "Collector", "TraceModel", "TraceStore",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
                // The process-wide swift-metrics backend is the collector's registry, so libraries' metrics show too.
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus")
            ],
            swiftSettings: swiftSettings
        ),
        // zstd from the system (libzstd-dev): compression with trained dictionaries for span chunks.
        .systemLibrary(name: "CZstd", path: "Sources/CZstd"),
        // ncursesw through a C shim (macros and globals Swift cannot see).
        .systemLibrary(name: "CNcursesw", path: "Sources/CNcursesw"),
        // The one HTTP client of tracetop and tracetop-demo (AsyncHTTPClient), trusting an extra CA with `--ca-cert`.
        .target(
            name: "CollectorHTTP",
            dependencies: [
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                // Connection errors (refused, unreachable), to say why in a few words.
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl")
            ],
            swiftSettings: swiftSettings
        ),
        // The terminal UI: state, update, views drawing into an in-memory screen, HTTP client.
        .target(
            name: "TracetopUI", dependencies: ["TraceModel", "JSONToolkit", "WireCodecs", "TracetopAPI", "CollectorHTTP"],
            swiftSettings: swiftSettings),
        .executableTarget(
            name: "tracetop",
            dependencies: [
                "TracetopUI", "TraceModel", "CollectorHTTP", "CNcursesw",
                .product(name: "ArgumentParser", package: "swift-argument-parser")
            ],
            swiftSettings: swiftSettings
        ),
        // The simulated microservices shop.
        .target(
            name: "DemoTraffic",
            dependencies: [
                "TraceModel", "JSONToolkit", "WireCodecs", "CollectorHTTP",
                // One of the shop's services exports over OTLP/gRPC.
                .product(name: "GRPCCore", package: "grpc-swift-2"),
                .product(name: "GRPCNIOTransportHTTP2", package: "grpc-swift-nio-transport")
            ],
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "TracetopDemo",
            dependencies: [
                "DemoTraffic", "TraceModel", "CollectorHTTP",
                .product(name: "ArgumentParser", package: "swift-argument-parser")
            ],
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "TracetopBench",
            dependencies: [
                "TraceModel", "WireCodecs", "TraceStore", "Collector", "DemoTraffic",
                // tracetop's figures time its own client decoding, state and views.
                "TracetopUI", "TracetopAPI",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "GRDB", package: "GRDB.swift"),
                // The raw-append baseline talks to SQLite's C API directly.
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                // `--db postgres://…`: the store, and PostgreSQL's own COPY as the ceiling beside it.
                "TraceStorePostgres",
                .product(name: "PostgresNIO", package: "postgres-nio"),
                // The gRPC load clients decode the collector's answer headers (HPACK).
                .product(name: "NIOHPACK", package: "swift-nio-http2")
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(name: "TraceModelTests", dependencies: ["TraceModel"], swiftSettings: swiftSettings),
        .testTarget(name: "TracetopAPITests", dependencies: ["TracetopAPI", "TraceModel", "JSONToolkit"], swiftSettings: swiftSettings),
        .testTarget(name: "JSONToolkitTests", dependencies: ["JSONToolkit"], swiftSettings: swiftSettings),
        .testTarget(name: "WireCodecsTests", dependencies: ["WireCodecs", "TraceModel", "JSONToolkit"], swiftSettings: swiftSettings),
        .testTarget(
            name: "TraceStoreTests",
            // GRDB: to build a database file in an earlier schema and to look inside files the store wrote.
            // TraceStorePostgres: the contract suite runs against PostgreSQL too when a test server is given.
            // PostgresNIO: to look inside the database a PostgreSQL store wrote.
            // Histogram: HdrHistogram, the reference the latency histograms' bucket layout and percentiles are
            // checked against (`LatencyHistogram` counts in its layout without it, for speed).
            dependencies: [
                "TraceStore", "TraceStorePostgres", "TraceModel", .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "PostgresNIO", package: "postgres-nio"), .product(name: "Histogram", package: "hdrhistogram-swift")
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "LogAggregatorTests", dependencies: ["LogAggregator", "TraceModel", "JSONToolkit", "WireCodecs"],
            swiftSettings: swiftSettings),
        .testTarget(
            name: "CollectorTests",
            dependencies: [
                "Collector", "TraceStore", "TraceStorePostgres", "TraceModel", "JSONToolkit", "WireCodecs", "LogAggregator", "DemoTraffic",
                "TracetopUI", "CollectorHTTP", "TracetopAPI",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log")
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "TracetopUITests", dependencies: ["TracetopUI", "TracetopAPI", "TraceModel", "WireCodecs"], swiftSettings: swiftSettings),
        .testTarget(
            name: "DemoTrafficTests", dependencies: ["DemoTraffic", "TraceModel", "JSONToolkit", "WireCodecs"], swiftSettings: swiftSettings
        )
    ]
)
