import ArgumentParser
import FineTuning

/// Parses `KEY=VALUE` arguments. Values are read as JSON when they parse (`3`, `true`,
/// `{"a":1}`), otherwise taken as text.
enum KeyValueParsing {
    static func pairs(_ arguments: [String], option: String) throws -> [(String, String)] {
        try arguments.map { argument in
            guard let equals = argument.firstIndex(of: "="), equals != argument.startIndex else {
                throw ValidationError("\(option) takes KEY=VALUE, got '\(argument)'")
            }
            return (String(argument[..<equals]), String(argument[argument.index(after: equals)...]))
        }
    }

    static func jsonValues(_ arguments: [String], option: String) throws -> [String: JSONValue] {
        try strings(arguments, option: option).mapValues { text in (try? JSONValue(parsing: text)) ?? .string(text) }
    }

    /// The pairs as a dictionary; a key given twice is a usage error, never silently one of the two.
    static func strings(_ arguments: [String], option: String) throws -> [String: String] {
        var values: [String: String] = [:]
        for (key, text) in try pairs(arguments, option: option) {
            guard values.updateValue(text, forKey: key) == nil else { throw ValidationError("\(option) sets \(key) twice: give it once") }
        }
        return values
    }
}
