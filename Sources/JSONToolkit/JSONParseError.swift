/// Why bytes are not the JSON that was expected: the byte offset where reading stopped and what was expected there.
package struct JSONParseError: Error, Hashable, Sendable, CustomStringConvertible {
    /// Offset from the start of the input, in bytes.
    package var offset: Int
    /// What was wrong, as a sentence fragment: "expected ':' after an object key".
    package var problem: String

    package init(offset: Int, problem: String) {
        self.offset = offset
        self.problem = problem
    }

    package var description: String { "invalid JSON at byte \(offset): \(problem)" }
}
