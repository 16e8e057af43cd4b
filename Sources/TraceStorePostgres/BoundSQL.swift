import NIOCore
import PostgresNIO

/// SQL assembled from parts, every value bound as a parameter (`$n`), never spliced into the text: for queries
/// whose conditions depend on which filters are set.
struct BoundSQL {
    private(set) var bindings = PostgresBindings()

    /// Binds `value`; returns its placeholder.
    mutating func bind<Value: PostgresThrowingDynamicTypeEncodable>(_ value: Value) throws -> String {
        try bindings.append(value)
        return "$\(bindings.count)"
    }

    /// Binds text as bytes: names and ids are stored as `bytea` (see `PostgresSchema`).
    mutating func bind(bytesOf text: String) throws -> String {
        try bind(ByteBuffer(string: text))
    }

    func query(_ sql: String) -> PostgresQuery { PostgresQuery(unsafeSQL: sql, binds: bindings) }
}
