/// One edge of `GET /api/dependencies`: calls from one service to another in the lookback.
public struct DependencyLink: Hashable, Sendable, Decodable {
    public var parent: String
    public var child: String
    public var callCount: Int
    /// Failed calls (the collector counts child spans with an error); nil when an API does not say.
    public var errorCount: Int?

    public init(parent: String, child: String, callCount: Int, errorCount: Int? = nil) {
        self.parent = parent
        self.child = child
        self.callCount = callCount
        self.errorCount = errorCount
    }
}
