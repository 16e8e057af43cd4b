import JSONToolkit
import TraceModel

/// Reads `GET /api/traces/{id}` straight from the bytes with TraceModel's pull reader: no JSONDecoder and no
/// intermediate tree, so a 10,000-span trace (several MB) becomes spans in a few tens of milliseconds.
/// The rules are those of the documented shape: `traceID`/`spanID`/`key` are required strings, other fields
/// fall back to a default when missing or of another type, and the first of duplicate keys wins.
extension TraceDetail {
    /// The first trace of the envelope's `data`, nil when `data` is empty or null.
    static func decodeEnvelope(_ bytes: UnsafeRawBufferPointer) throws(ShapeError) -> TraceDetail? {
        do {
            return try JSONPullReader.read(bytes) { json in
                guard json.peek() == .object else { throw ShapeError("the answer is not a JSON object") }
                var trace: TraceDetail?
                var sawData = false
                guard try json.openObject() else { return nil }
                repeat {
                    let key = try json.readKey()
                    guard !sawData, json.key(key, is: "data") else { try json.skipValue(); continue }
                    sawData = true
                    guard json.peek() == .array else { try json.skipValue(); continue }
                    guard try json.openArray() else { continue }
                    trace = try TraceDetail(json: &json, path: "data[0]")
                    while try json.nextElement() { try json.skipValue() }
                } while try json.nextMember()
                return trace
            }
        } catch let error as ShapeError {
            throw error
        } catch {
            throw ShapeError("\(error)")
        }
    }

    init(json: inout JSONPullReader, path: @autoclosure () -> String) throws {
        guard json.peek() == .object else { throw ShapeError("\(path()) is not an object") }
        var traceID: String?, spans: [SpanRecord]?, processes: [String: Process]?, warnings: [String]?
        var seen = FirstKeys()
        try json.forEachMember { json, key in
            if json.key(key, is: "traceID"), seen.first(0) {
                traceID = try json.stringOrNil()
            } else if json.key(key, is: "spans"), seen.first(1) {
                guard json.peek() == .array else { try json.skipValue(); return }
                var list: [SpanRecord] = []
                try json.forEachObject(in: "\(path()).spans") { json, index in
                    list.append(try SpanRecord(json: &json, path: "\(path()).spans[\(index)]"))
                }
                spans = list
            } else if json.key(key, is: "processes"), seen.first(2) {
                processes = try Self.processes(&json, path: "\(path()).processes")
            } else if json.key(key, is: "warnings"), seen.first(3) {
                warnings = try json.strings()
            } else {
                try json.skipValue()
            }
        }
        guard let traceID else { throw ShapeError("\(path()).traceID is missing or not a string") }
        guard let spans else { throw ShapeError("\(path()).spans is missing or not an array") }
        self.init(traceID: traceID, spans: spans, processes: processes ?? [:], warnings: warnings)
    }

    private static func processes(_ json: inout JSONPullReader, path: @autoclosure () -> String) throws -> [String: Process] {
        var processes: [String: Process] = [:]
        guard json.peek() == .object else { try json.skipValue(); return processes }
        guard try json.openObject() else { return processes }
        repeat {
            let id = json.string(of: try json.readKey())
            guard processes[id] == nil else { try json.skipValue(); continue }
            guard json.peek() == .object else { throw ShapeError("\(path()).\(id) is not an object") }
            var serviceName: String?, tags: [Tag]?
            var seen = FirstKeys()
            try json.forEachMember { json, key in
                if json.key(key, is: "serviceName"), seen.first(0) {
                    serviceName = try json.stringOrNil()
                } else if json.key(key, is: "tags"), seen.first(1) {
                    tags = try Tag.list(&json, path: "\(path()).\(id).tags")
                } else {
                    try json.skipValue()
                }
            }
            processes[id] = Process(serviceName: serviceName ?? "unknown_service", tags: tags ?? [])
        } while try json.nextMember()
        return processes
    }
}

extension SpanRecord {
    init(json: inout JSONPullReader, path: @autoclosure () -> String) throws {
        guard json.peek() == .object else { throw ShapeError("\(path()) is not an object") }
        var traceID: String?, spanID: String?, operationName: String?, processID: String?
        var references: [SpanReference]?, tags: [Tag]?, logs: [SpanEventRecord]?, warnings: [String]?
        var startTime: Int64?, duration: Int64?
        var seen = FirstKeys()
        try json.forEachMember { json, key in
            if json.key(key, is: "traceID"), seen.first(0) {
                traceID = try json.stringOrNil()
            } else if json.key(key, is: "spanID"), seen.first(1) {
                spanID = try json.stringOrNil()
            } else if json.key(key, is: "operationName"), seen.first(2) {
                operationName = try json.stringOrNil()
            } else if json.key(key, is: "references"), seen.first(3) {
                references = try Self.references(&json, path: "\(path()).references")
            } else if json.key(key, is: "startTime"), seen.first(4) {
                startTime = try json.micros()
            } else if json.key(key, is: "duration"), seen.first(5) {
                duration = try json.micros()
            } else if json.key(key, is: "tags"), seen.first(6) {
                tags = try Tag.list(&json, path: "\(path()).tags")
            } else if json.key(key, is: "logs"), seen.first(7) {
                logs = try Self.events(&json, path: "\(path()).logs")
            } else if json.key(key, is: "processID"), seen.first(8) {
                processID = try json.stringOrNil()
            } else if json.key(key, is: "warnings"), seen.first(9) {
                warnings = try json.strings()
            } else {
                try json.skipValue()
            }
        }
        guard let traceID else { throw ShapeError("\(path()).traceID is missing or not a string") }
        guard let spanID else { throw ShapeError("\(path()).spanID is missing or not a string") }
        self.init(
            traceID: traceID, spanID: spanID, operationName: operationName ?? "", references: references ?? [],
            startTime: startTime ?? 0, duration: duration ?? 0, tags: tags ?? [], logs: logs ?? [],
            processID: processID ?? "", warnings: warnings)
    }

    private static func references(_ json: inout JSONPullReader, path: @autoclosure () -> String) throws -> [SpanReference] {
        var references: [SpanReference] = []
        try json.forEachObject(in: path()) { json, _ in
            var refType: String?, traceID: String?, spanID: String?
            var seen = FirstKeys()
            try json.forEachMember { json, key in
                if json.key(key, is: "refType"), seen.first(0) {
                    refType = try json.stringOrNil()
                } else if json.key(key, is: "traceID"), seen.first(1) {
                    traceID = try json.stringOrNil()
                } else if json.key(key, is: "spanID"), seen.first(2) {
                    spanID = try json.stringOrNil()
                } else {
                    try json.skipValue()
                }
            }
            references.append(SpanReference(refType: refType ?? "", traceID: traceID ?? "", spanID: spanID ?? ""))
        }
        return references
    }

    private static func events(_ json: inout JSONPullReader, path: @autoclosure () -> String) throws -> [SpanEventRecord] {
        var events: [SpanEventRecord] = []
        try json.forEachObject(in: path()) { json, index in
            var timestamp: Int64?, fields: [Tag]?
            var seen = FirstKeys()
            try json.forEachMember { json, key in
                if json.key(key, is: "timestamp"), seen.first(0) {
                    timestamp = try json.micros()
                } else if json.key(key, is: "fields"), seen.first(1) {
                    fields = try Tag.list(&json, path: "\(path())[\(index)].fields")
                } else {
                    try json.skipValue()
                }
            }
            events.append(SpanEventRecord(timestamp: timestamp ?? 0, fields: fields ?? []))
        }
        return events
    }
}

extension Tag {
    /// Jaeger tags `[{key, type, value}]`; anything but an array reads as no tags.
    static func list(_ json: inout JSONPullReader, path: @autoclosure () -> String) throws -> [Tag] {
        var tags: [Tag] = []
        try json.forEachObject(in: path()) { json, index in
            var key: String?, type: String?, value: DisplayValue?
            var seen = FirstKeys()
            try json.forEachMember { json, name in
                if json.key(name, is: "key"), seen.first(0) {
                    key = try json.stringOrNil()
                } else if json.key(name, is: "type"), seen.first(1) {
                    type = try json.stringOrNil()
                } else if json.key(name, is: "value"), seen.first(2) {
                    value = try DisplayValue(&json)
                } else {
                    try json.skipValue()
                }
            }
            guard let key else { throw ShapeError("\(path())[\(index)].key is missing or not a string") }
            tags.append(Tag(key: key, value: value ?? .null, type: type))
        }
        return tags
    }
}

extension DisplayValue {
    /// Scalars are read directly; arrays and objects (rare in tags) go through a tree.
    init(_ json: inout JSONPullReader) throws {
        switch json.peek() {
        case .string: self = .string(try json.readString())
        case .number:
            let number = try json.readNumber()
            self = number.integer.map(Self.integer) ?? .number(number.double)
        case .bool: self = .bool(try json.readBool())
        case .null:
            _ = try json.consumeNull()
            self = .null
        default: self = Self(try json.readValue())
        }
    }

    init(_ json: JSONToolkit.JSONValue) {
        switch json {
        case .null: self = .null
        case .bool(let value): self = .bool(value)
        case .number(let number):
            self = number.isInteger ? number.int64Value.map(Self.integer) ?? .number(number.doubleValue) : .number(number.doubleValue)
        case .string(let value): self = .string(value)
        case .array(let values): self = .array(values.map(Self.init))
        case .object(let object):
            var members: [String: DisplayValue] = [:]
            for member in object.members where members[member.key] == nil { members[member.key] = Self(member.value) }
            self = .object(members)
        }
    }
}

/// The answer is JSON but not in the documented shape; the message names the field path.
struct ShapeError: Error, Hashable, Sendable {
    var message: String
    init(_ message: String) { self.message = message }
}

/// Which of an object's keys have been met: the first of duplicate keys wins, as in a lookup by key.
private struct FirstKeys {
    private var bits: UInt16 = 0

    /// True the first time `field` is met.
    mutating func first(_ field: Int) -> Bool {
        let bit = UInt16(1) << field
        defer { bits |= bit }
        return bits & bit == 0
    }
}

private extension JSONPullReader {
    /// Each element of an array of objects, with its index, the reader at the element; anything but an array
    /// reads as no elements, and an element that is not an object is an error naming `path[index]`.
    mutating func forEachObject(in path: @autoclosure () -> String, _ body: (inout JSONPullReader, Int) throws -> Void) throws {
        guard peek() == .array else { try skipValue(); return }
        guard try openArray() else { return }
        var index = 0
        repeat {
            guard peek() == .object else { throw ShapeError("\(path())[\(index)] is not an object") }
            try body(&self, index)
            index += 1
        } while try nextElement()
    }

    /// Each member of the object at the reader, by key; `body` reads or skips the member's value.
    mutating func forEachMember(_ body: (inout JSONPullReader, Key) throws -> Void) throws {
        guard try openObject() else { return }
        repeat {
            let key = try readKey()
            try body(&self, key)
        } while try nextMember()
    }

    /// A string field; anything else is stepped over and reads as nil (then the field's default applies).
    mutating func stringOrNil() throws -> String? {
        if peek() == .string { return try readString() }
        try skipValue()
        return nil
    }

    /// Integers in µs; anything else (missing, fractional, out of range, not a number) reads as 0.
    mutating func micros() throws -> Int64 {
        guard peek() == .number else { try skipValue(); return 0 }
        let number = try readNumber()
        return number.integer ?? Int64(exactly: number.double.rounded()) ?? 0
    }

    /// An array's string elements (others skipped); nil when the value is not an array.
    mutating func strings() throws -> [String]? {
        guard peek() == .array else { try skipValue(); return nil }
        var strings: [String] = []
        guard try openArray() else { return strings }
        repeat {
            if peek() == .string { strings.append(try readString()) } else { try skipValue() }
        } while try nextElement()
        return strings
    }
}
