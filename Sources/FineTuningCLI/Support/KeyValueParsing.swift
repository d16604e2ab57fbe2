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
        var values: [String: JSONValue] = [:]
        for (key, text) in try pairs(arguments, option: option) {
            values[key] = (try? JSONValue(parsing: text)) ?? .string(text)
        }
        return values
    }

    static func strings(_ arguments: [String], option: String) throws -> [String: String] {
        Dictionary(try pairs(arguments, option: option), uniquingKeysWith: { _, last in last })
    }
}
