import TraceModel

/// Zipkin's shared spans: with B3 propagation the server reports its half of an RPC under the client's span
/// id, marked `shared: true`, so (trace id, span id) names two spans. The store keys spans by that pair and
/// would keep only one, so we do what Jaeger does: the server half gets an id of its own and becomes the
/// client half's child, and the server's spans that named the shared id as their parent are moved under it.
///
/// The new id is derived from (trace id, shared id) alone, so a re-sent server half gets the same id and
/// replaces itself rather than appearing twice. Children are re-parented when they arrive in the same request
/// as their server half (they are told apart from the client's own children by their service); a child that
/// arrives in another request keeps the shared id as its parent and shows under the client half instead.
enum ZipkinSharedSpans {
    private struct Key: Hashable {
        var traceID: TraceID
        var spanID: SpanID
        var service: String?
    }

    static func separate(_ spans: inout [ZipkinSpan]) {
        var moved: [Key: SpanID] = [:]
        var isServerHalf = [Bool](repeating: false, count: spans.count)
        for index in spans.indices where spans[index].shared && spans[index].kind != .client {
            let shared = spans[index].id
            let own = ownID(traceID: spans[index].traceID, sharedID: shared)
            moved[Key(traceID: spans[index].traceID, spanID: shared, service: spans[index].localEndpoint?.serviceName)] = own
            spans[index].id = own
            spans[index].parentID = shared
            isServerHalf[index] = true
        }
        guard !moved.isEmpty else { return }
        for index in spans.indices where !isServerHalf[index] {
            guard let parent = spans[index].parentID,
                let own = moved[Key(traceID: spans[index].traceID, spanID: parent, service: spans[index].localEndpoint?.serviceName)]
            else { continue }
            spans[index].parentID = own
        }
    }

    /// A fixed function of the pair (SplitMix64's finaliser over both ids): never zero, never the shared id.
    static func ownID(traceID: TraceID, sharedID: SpanID) -> SpanID {
        var mixed = sharedID.value ^ traceID.low ^ (traceID.high << 29 | traceID.high >> 35) ^ 0x9E37_79B9_7F4A_7C15
        mixed = (mixed ^ (mixed >> 30)) &* 0xBF58_476D_1CE4_E5B9
        mixed = (mixed ^ (mixed >> 27)) &* 0x94D0_49BB_1331_11EB
        mixed ^= mixed >> 31
        if mixed == 0 || mixed == sharedID.value { mixed = ~sharedID.value | 1 }
        return SpanID(mixed)
    }
}
