import ArgumentParser
import Foundation

/// One setting's text, from the first place that gives it: the flag, then its environment variable (`TRACETOP_…`),
/// then the default. Every value goes through the flag's own parser, so a bad environment value is refused with the
/// flag's message (naming the variable it came from) instead of quietly becoming the default.
struct Setting {
    var text: String
    /// The environment variable the text came from; nil for a flag or a default.
    var variable: String?

    /// The flag's text; else the variable's when it is set and not empty; else `defaultText`.
    init(flag: String?, variable: String, default defaultText: String, environment: [String: String] = ProcessInfo.processInfo.environment)
    {
        if let flag {
            self.text = flag
        } else if let value = environment[variable], !value.isEmpty {
            self.text = value
            self.variable = variable
        } else {
            self.text = defaultText
        }
    }

    /// The flag's text, else the variable's when it is set and not empty; nil when neither gives one.
    static func optional(flag: String?, variable: String, environment: [String: String] = ProcessInfo.processInfo.environment) -> Setting? {
        guard flag != nil || !(environment[variable] ?? "").isEmpty else { return nil }
        return Setting(flag: flag, variable: variable, default: "", environment: environment)
    }

    /// The value as `parse` reads it; a refusal of an environment value says which variable held it.
    func value<Value>(_ parse: (String) throws -> Value) throws -> Value {
        do {
            return try parse(text)
        } catch let error as ValidationError {
            guard let variable else { throw error }
            throw ValidationError("\(error.message) (from \(variable))")
        }
    }
}
