import TraceModel
import TracetopAPI

/// tracetop's query API reads its parameters by the names TracetopAPI spells (`QueryParameter`).
extension QueryParameters {
    func string(_ name: QueryParameter) -> String? { string(name.name) }

    func all(_ name: QueryParameter) -> [String] { all(name.name) }

    func int(_ name: QueryParameter, default defaultValue: Int, range: ClosedRange<Int>) throws(QueryParameterError) -> Int {
        try int(name.name, default: defaultValue, range: range)
    }

    func timestamp(_ name: QueryParameter) throws(QueryParameterError) -> UInt64? { try timestamp(name.name) }

    func duration(_ name: QueryParameter) throws(QueryParameterError) -> UInt64? { try duration(name.name) }

    func bool(_ name: QueryParameter) throws(QueryParameterError) -> Bool? { try bool(name.name) }

    func spanKind(_ name: QueryParameter) throws(QueryParameterError) -> SpanKind? { try spanKind(name.name) }

    func oneOf<T: RawRepresentable & CaseIterable>(_ name: QueryParameter, _ type: T.Type) throws(QueryParameterError) -> T?
    where T.RawValue == String {
        try oneOf(name.name, type)
    }
}
