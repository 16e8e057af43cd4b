import DemoTraffic
import Foundation
import Logging
import NIOCore
import PostgresNIO
import TraceStorePostgres

/// PostgreSQL's own bulk path, as the ceiling for the store: `COPY … FROM STDIN` of span-like rows (the spans
/// table's columns, a 128-byte body, no partitions, no other table touched) into a table of their own, in the
/// benchmark's fresh database, on one connection: unindexed, and with the spans table's primary key. What a
/// collector adds on top — the summary and latency upserts, the correlation ids, re-send detection — is what its
/// rate falls short of these by.
enum PostgresCopyCeiling {
    struct Figures {
        var unindexed: Double
        var withPrimaryKey: Double
    }

    static func measure(location: PostgresLocation, rows: Int) async throws -> Figures {
        // Generated once, before any clock starts: only the server's work and the wire are timed.
        let chunks = textChunks(rows: rows)
        return Figures(
            unindexed: try await rowsPerSecond(location: location, chunks: chunks, rows: rows, primaryKey: false),
            withPrimaryKey: try await rowsPerSecond(location: location, chunks: chunks, rows: rows, primaryKey: true))
    }

    private static func rowsPerSecond(location: PostgresLocation, chunks: [ByteBuffer], rows: Int, primaryKey: Bool) async throws -> Double
    {
        let logger = Logger(label: "tracetop-bench-copy")
        var configuration = PostgresConnection.Configuration(
            host: location.host, port: location.port, username: location.user, password: location.password,
            database: location.database, tls: .disable)
        configuration.options.connectTimeout = .seconds(10)
        let connection = try await PostgresConnection.connect(configuration: configuration, id: 1, logger: logger)
        defer { Task { try? await connection.close() } }
        try await connection.query(
            """
            CREATE TABLE copy_ceiling (
                trace_id bytea NOT NULL, span_id bytea NOT NULL, start_ns bigint NOT NULL, end_ns bigint NOT NULL,
                parent_span_id bytea, service_id bigint NOT NULL, operation_id bigint NOT NULL, resource_id bigint NOT NULL,
                scope_id bigint NOT NULL, status_code integer NOT NULL, is_error boolean NOT NULL, body bytea NOT NULL
                \(unescaped: primaryKey ? ", PRIMARY KEY (trace_id, span_id, start_ns)" : ""))
            """, logger: logger)
        let started = ContinuousClock.now
        try await connection.copyFrom(table: "copy_ceiling", logger: logger) { writer in
            for chunk in chunks { try await writer.write(chunk) }
        }
        let seconds = (ContinuousClock.now - started).seconds
        try await connection.query("DROP TABLE copy_ceiling", logger: logger)
        return Double(rows) / seconds
    }

    /// Rows in COPY's text format (tab-separated, `\\x`-hex bytea), in buffers of about 1 MB. Ten spans per trace,
    /// ids from a fixed-seed generator.
    private static func textChunks(rows: Int) -> [ByteBuffer] {
        var generator = DemoRandom(seed: 0x7ace_70b)
        let start: UInt64 = 1_780_000_000_000_000_000
        var chunks: [ByteBuffer] = []
        var buffer = ByteBuffer()
        var traceID = ""
        for row in 0..<rows {
            if row % 10 == 0 { traceID = hex(&generator, bytes: 16) }
            let begin = start + UInt64(row) * 1_000
            let line =
                "\\\\x\(traceID)\t\\\\x\(hex(&generator, bytes: 8))\t\(begin)\t\(begin + 2_000_000)\t"
                + (row % 10 == 0 ? "\\N" : "\\\\x\(hex(&generator, bytes: 8))")
                + "\t\(row % 12)\t\(row % 40)\t\(row % 12)\t1\t\(row % 50 == 0 ? 2 : 0)\t\(row % 50 == 0 ? "t" : "f")\t\\\\x\(hex(&generator, bytes: 128))\n"
            buffer.writeString(line)
            if buffer.readableBytes >= 1 << 20 {
                chunks.append(buffer)
                buffer = ByteBuffer()
            }
        }
        if buffer.readableBytes > 0 { chunks.append(buffer) }
        return chunks
    }

    private static func hex(_ generator: inout DemoRandom, bytes: Int) -> String {
        var text = ""
        text.reserveCapacity(bytes * 2)
        for _ in 0..<(bytes + 7) / 8 {
            text += String(generator.next(), radix: 16).leftPadded(to: 16)
        }
        return String(text.prefix(bytes * 2))
    }
}

private extension String {
    func leftPadded(to width: Int) -> String { count >= width ? self : String(repeating: "0", count: width - count) + self }
}
