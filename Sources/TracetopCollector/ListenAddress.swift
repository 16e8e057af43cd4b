import ArgumentParser
import Foundation

/// `host:port`, with a clear error for anything else.
struct ListenAddress {
    var host: String
    var port: Int

    init(_ text: String, flag: String = "--listen", example: String = "127.0.0.1:4318") throws {
        guard let colon = text.lastIndex(of: ":"), let port = Int(text[text.index(after: colon)...]), (0...65535).contains(port) else {
            throw ValidationError("\(flag) must be host:port (for example \(example)), got '\(text)'")
        }
        host = String(text[..<colon]).trimmingCharacters(in: CharacterSet(charactersIn: "[]"))
        self.port = port
        if host.isEmpty { throw ValidationError("\(flag) needs a host before the port (for example \(example)), got '\(text)'") }
    }

    /// `host:port`, or nil for `off` (also `none` or nothing).
    static func orOff(_ text: String, flag: String, example: String = "127.0.0.1:4317") throws -> ListenAddress? {
        guard !["off", "none", ""].contains(text.trimmingCharacters(in: .whitespaces).lowercased()) else { return nil }
        do {
            return try ListenAddress(text, flag: flag, example: example)
        } catch {
            throw ValidationError("\(flag) must be host:port (for example \(example)) or off, got '\(text)'")
        }
    }
}
