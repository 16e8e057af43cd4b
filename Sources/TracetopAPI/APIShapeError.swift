/// An answer that is JSON but not in the documented shape; the message names the field path (`data[0].traceID`).
public struct APIShapeError: Error, Hashable, Sendable, CustomStringConvertible {
    public var message: String

    public init(_ message: String) { self.message = message }

    public var description: String { message }
}
