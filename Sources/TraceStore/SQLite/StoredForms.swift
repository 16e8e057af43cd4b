import TraceModel
import Foundation

/// How ids are stored: 16- and 8-byte big-endian blobs (compact, and they sort like the ids).
enum StoredID {
    static func data(_ id: TraceID) -> Data { Data(id.bytes) }
    static func data(_ id: SpanID) -> Data { Data(id.bytes) }

    static func traceID(_ data: Data) -> TraceID? { TraceID(bytes: data) }
    static func spanID(_ data: Data) -> SpanID? { SpanID(bytes: data) }
}

/// Nanosecond times are UInt64 in OTLP; SQLite integers are signed. Times up to year 2262 fit as they are;
/// larger raw values (garbage from a client) are clamped rather than wrapped so ordering stays sane.
enum StoredTime {
    static func column(_ nanos: UInt64) -> Int64 { Int64(clamping: nanos) }
    static func value(_ column: Int64) -> UInt64 { UInt64(clamping: column) }
    static func minute(of nanos: UInt64) -> Int64 { Int64(clamping: nanos / 60_000_000_000) }
}

/// The services of a trace as `,3,7,12,`: a trace summary row stays one row, and `instr(service_ids, ',7,')`
/// answers "does the trace touch service 7" without another index.
enum ServiceIDList {
    static func encode(_ ids: Set<Int64>) -> String {
        "," + ids.sorted().map(String.init).joined(separator: ",") + ","
    }

    static func encode(_ sortedIDs: [Int64]) -> String {
        "," + sortedIDs.map(String.init).joined(separator: ",") + ","
    }

    static func decode(_ text: String) -> [Int64] {
        text.split(separator: ",").compactMap { Int64($0) }
    }

    static func needle(_ id: Int64) -> String { ",\(id)," }
}

/// Text read back byte for byte. GRDB reads TEXT columns as C strings, which stop at the first NUL; a span
/// named "a\0b" must come back as sent, so text columns (names, correlation ids) are selected
/// `CAST(… AS BLOB)` and decoded here. Writing and comparing likewise: GRDB binds strings up to their first
/// NUL, so names, correlation ids, log text and the text `q=` searches for are bound as their UTF-8 bytes
/// and written `CAST(? AS TEXT)`, which keeps every byte.
enum StoredText {
    static func string(_ data: Data) -> String { String(decoding: data, as: UTF8.self) }
    static func bytes(_ text: String) -> Data { Data(text.utf8) }
}
