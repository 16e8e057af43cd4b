import TraceModel

/// Finds fields in one log line by spelling and remembers which ones were read, so that everything else can be
/// kept as attributes.
struct LogLineFields {
    /// A top-level member, or a member of a top-level object (`nested`).
    struct Path: Hashable {
        let member: Int
        let nested: Int?
    }

    struct Field {
        let path: Path
        let spelling: String
        let value: JSONValue
    }

    let members: [JSONMember]
    private var consumed: Set<Path> = []

    init(_ object: JSONObject) { self.members = object.members }

    /// Every non-null field with one of these spellings, in the spellings' priority order.
    func candidates(_ spellings: [String]) -> [Field] {
        spellings.compactMap { spelling in
            guard let path = find(spelling) else { return nil }
            let value = self.value(at: path)
            if case .null = value { return nil }
            return Field(path: path, spelling: spelling, value: value)
        }
    }

    mutating func consume(_ field: Field) { consumed.insert(field.path) }

    /// The fields not read, as attributes; a nested object that had members read keeps the others.
    var remainingAttributes: [KeyValue] {
        var attributes: [KeyValue] = []
        attributes.reserveCapacity(members.count)
        for (index, member) in members.enumerated() where !consumed.contains(Path(member: index, nested: nil)) {
            if case .object(let inner) = member.value, consumed.contains(where: { $0.member == index }) {
                let kept = inner.members.enumerated()
                    .filter { !consumed.contains(Path(member: index, nested: $0.offset)) }
                    .map { KeyValue($0.element.key, $0.element.value.anyValue) }
                if !kept.isEmpty { attributes.append(KeyValue(member.key, .kvlist(kept))) }
            } else {
                attributes.append(KeyValue(member.key, member.value.anyValue))
            }
        }
        return attributes
    }

    private func find(_ spelling: String) -> Path? {
        if let index = members.firstIndex(where: { $0.key == spelling }) { return Path(member: index, nested: nil) }
        guard let dot = spelling.firstIndex(of: ".") else { return nil }
        let outer = spelling[..<dot], inner = spelling[spelling.index(after: dot)...]
        for (index, member) in members.enumerated() where member.key == outer {
            if case .object(let object) = member.value,
               let nested = object.members.firstIndex(where: { $0.key == inner }) {
                return Path(member: index, nested: nested)
            }
        }
        return nil
    }

    private func value(at path: Path) -> JSONValue {
        let member = members[path.member].value
        guard let nested = path.nested, case .object(let object) = member else { return member }
        return object.members[nested].value
    }
}
