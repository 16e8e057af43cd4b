/// An answer that is JSON but not in the documented shape; the message names the field path (`data[0].traceID`).
package struct APIShapeError: Error, Hashable, Sendable, CustomStringConvertible {
    package var message: String

    package init(_ message: String) { self.message = message }

    package var description: String { message }
}
