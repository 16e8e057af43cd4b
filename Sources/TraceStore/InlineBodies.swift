import TraceModel

/// The SQLite store's body encodings (`RowCodec`) with every string inline instead of in the string dictionary,
/// for a backend that several writers share (PostgreSQL): a dictionary there would need ids agreed between
/// collectors on every new string. The same bytes a SQLite body with no dictionary ids holds.
package enum InlineBodies {
    package static func span(_ span: Span) -> [UInt8] {
        var writer = BinaryWriter(capacity: 512)
        var interner = StringInterner.inlineOnly
        RowCodec.encodeSpanBody(span, into: &writer, interner: &interner)
        return writer.bytes
    }

    /// Fills the body's fields into a span whose queried fields (ids, name, kind, times, status code) are set.
    package static func decodeSpan(_ bytes: [UInt8], into span: inout Span) throws {
        try RowCodec.decodeSpanBody(bytes, into: &span, form: .dictionary([]))
    }

    package static func log(_ entry: LogEntry) -> [UInt8] {
        var interner = StringInterner.inlineOnly
        return RowCodec.encodeLogBody(entry, interner: &interner)
    }

    /// Fills the body's fields into an entry whose severity number, ids, resource and scope are set.
    package static func decodeLog(_ bytes: [UInt8], into entry: inout LogEntry) throws {
        try RowCodec.decodeLogBody(bytes, into: &entry, form: .dictionary([]))
    }

    package static func resource(_ resource: Resource, schemaUrl: String) -> [UInt8] {
        RowCodec.encodeResource(resource, schemaUrl: schemaUrl)
    }

    package static func decodeResource(_ bytes: [UInt8]) throws -> (Resource, schemaUrl: String) {
        try RowCodec.decodeResource(bytes)
    }

    package static func scope(_ scope: InstrumentationScope, schemaUrl: String) -> [UInt8] {
        RowCodec.encodeScope(scope, schemaUrl: schemaUrl)
    }

    package static func decodeScope(_ bytes: [UInt8]) throws -> (InstrumentationScope, schemaUrl: String) {
        try RowCodec.decodeScope(bytes)
    }
}
