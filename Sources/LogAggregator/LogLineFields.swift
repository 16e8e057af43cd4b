import JSONToolkit
import TraceModel
import WireCodecs

/// Finds the recognised fields of one log line in a single pass over its members, and remembers which ones were
/// read, so that everything else can be kept as attributes.
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
        fileprivate let role: LogFieldSpellings.Role
        /// Position of the spelling in its list; a top-level member wins over the nested form of the same spelling.
        fileprivate let rank: Int
    }

    let members: [JSONMember]
    /// The recognised fields of every role, in document order: a handful per line, so one flat list is cheapest.
    private var found: [Field] = []
    /// Few fields are read per line, so a list beats a set here.
    private var consumed: [Path] = []

    init(_ object: JSONObject) {
        members = object.members
        for (index, member) in members.enumerated() {
            if let spelling = LogFieldSpellings.byKey[member.key] {
                note(Path(member: index, nested: nil), spelling, member.value, rank: spelling.priority * 2)
            }
            guard let nestedSpellings = LogFieldSpellings.byOuterKey[member.key], case .object(let inner) = member.value
            else { continue }
            for (innerIndex, innerMember) in inner.members.enumerated() {
                if let spelling = nestedSpellings[innerMember.key] {
                    note(Path(member: index, nested: innerIndex), spelling, innerMember.value, rank: spelling.priority * 2 + 1)
                }
            }
        }
    }

    /// Keeps the first occurrence of each spelling (and form), as a lookup by key would find it; `null` is no value.
    private mutating func note(_ path: Path, _ spelling: LogFieldSpellings.Spelling, _ value: JSONValue, rank: Int) {
        if case .null = value { return }
        guard !found.contains(where: { $0.role == spelling.role && $0.rank == rank }) else { return }
        found.append(Field(path: path, spelling: spelling.key, value: value, role: spelling.role, rank: rank))
    }

    /// Every non-null field of this role, in its spellings' priority order.
    func candidates(_ role: LogFieldSpellings.Role) -> [Field] {
        found.filter { $0.role == role }.sorted { $0.rank < $1.rank }
    }

    mutating func consume(_ field: Field) { consumed.append(field.path) }

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
}
