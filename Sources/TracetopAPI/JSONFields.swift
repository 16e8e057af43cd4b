import JSONToolkit
import TraceModel

/// The members of one JSON object of an answer, read leniently: a missing member or one of another type reads as
/// the field's default (an older or newer collector may leave some out), except the few a shape cannot do
/// without, which are errors naming their path. The first of duplicate keys wins, as in a lookup by key.
struct JSONFields {
    let object: JSONObject
    let path: String

    init(_ value: JSONValue, path: String) throws(APIShapeError) {
        guard case .object(let object) = value else { throw APIShapeError("\(path) is not an object") }
        self.object = object
        self.path = path
    }

    func requiredString(_ key: String) throws(APIShapeError) -> String {
        guard case .string(let text)? = object[key] else { throw APIShapeError("\(path).\(key) is missing or not a string") }
        return text
    }

    func string(_ key: String) -> String {
        if case .string(let text)? = object[key] { return text }
        return ""
    }

    func optionalInteger(_ key: String) -> Int64? {
        guard case .number(let number)? = object[key] else { return nil }
        return number.int64Value ?? Int64(exactly: number.doubleValue.rounded())
    }

    func integer(_ key: String) -> Int64 { optionalInteger(key) ?? 0 }

    func int(_ key: String) -> Int { Int(clamping: integer(key)) }

    func optionalInt(_ key: String) -> Int? { optionalInteger(key).map { Int(clamping: $0) } }

    func double(_ key: String) -> Double {
        guard case .number(let number)? = object[key] else { return 0 }
        return number.doubleValue
    }

    /// An array's string elements (others skipped); none when the member is not an array.
    func strings(_ key: String) -> [String] {
        elements(key).compactMap { element in
            if case .string(let text) = element { return text }
            return nil
        }
    }

    /// The member's elements, none when it is not an array.
    func elements(_ key: String) -> [JSONValue] {
        if case .array(let values)? = object[key] { return values }
        return []
    }

    /// Each element of an array of objects, read by `read` with its path; nil when the member is not an array.
    func objects<Element>(_ key: String, _ read: (JSONValue, String) throws(APIShapeError) -> Element) throws(APIShapeError)
        -> [Element]?
    {
        guard case .array(let values)? = object[key] else { return nil }
        var result: [Element] = []
        result.reserveCapacity(values.count)
        for (index, value) in values.enumerated() { result.append(try read(value, "\(path).\(key)[\(index)]")) }
        return result
    }
}

extension JSONWriter {
    /// `["a","b"]`.
    mutating func strings(_ values: [String]) {
        beginArray()
        for value in values { string(value) }
        endArray()
    }
}
