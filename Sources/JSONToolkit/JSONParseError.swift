/// Why bytes are not the JSON that was expected: the byte offset where reading stopped and what was expected there.
public struct JSONParseError: Error, Hashable, Sendable, CustomStringConvertible {
    /// Offset from the start of the input, in bytes.
    public var offset: Int
    /// What was wrong, as a sentence fragment: "expected ':' after an object key".
    public var problem: String

    public init(offset: Int, problem: String) {
        self.offset = offset
        self.problem = problem
    }

    public var description: String { "invalid JSON at byte \(offset): \(problem)" }
}
