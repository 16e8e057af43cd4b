/// The low three bits of a protobuf tag: how the field's value is laid out on the wire.
enum ProtobufWireType: UInt8, Sendable {
    case varint = 0
    case fixed64 = 1
    case lengthDelimited = 2
    /// Groups are a proto2 relic; no OTLP field uses them, but an unknown one must still be skipped.
    case startGroup = 3
    case endGroup = 4
    case fixed32 = 5

    /// Name used in error messages, so a client can see what it sent.
    var name: String {
        switch self {
        case .varint: return "varint"
        case .fixed64: return "fixed64"
        case .lengthDelimited: return "length-delimited"
        case .startGroup: return "start-group"
        case .endGroup: return "end-group"
        case .fixed32: return "fixed32"
        }
    }
}

/// One decoded tag: which field follows, how it is encoded, and where the tag began (for error messages).
struct ProtobufTag {
    var field: UInt32
    var wireType: ProtobufWireType
    var offset: Int
}
