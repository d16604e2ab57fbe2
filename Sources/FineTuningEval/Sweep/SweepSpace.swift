public import FineTuning
import Foundation

/// The hyperparameter values a sweep tries: grids (`--grid learning_rate=1e-4,1e-3`), whose
/// combinations are all tried, and ranges (`--random learning_rate=1e-4..1e-2`), drawn per trial
/// (log-uniform when both bounds are positive and a decade or more apart, whole numbers when both
/// bounds are whole).
public struct SweepSpace: Sendable {
    public struct Range: Sendable, Hashable {
        public var name: String
        public var low: Double
        public var high: Double
        var isInteger: Bool { low.rounded() == low && high.rounded() == high && !("\(low)" + "\(high)").contains("e") }
        var isLogarithmic: Bool { low > 0 && high / low >= 10 }
    }

    public var grids: [(name: String, values: [JSONValue])]
    public var ranges: [Range]

    /// Parses the `--grid` and `--random` values; a malformed one is an `invalid_request` naming the option.
    public init(grid: [String], random: [String]) throws {
        grids = try grid.map { text in
            let (name, rest) = try Self.split(text, option: "--grid", form: "NAME=V1,V2,...")
            let values = rest.split(separator: ",").map { Self.value(String($0).trimmingCharacters(in: .whitespaces)) }
            guard !values.isEmpty else { throw Self.error("--grid", text, "NAME=V1,V2,...") }
            return (name, values)
        }
        ranges = try random.map { text in
            let (name, rest) = try Self.split(text, option: "--random", form: "NAME=LOW..HIGH")
            let bounds = rest.components(separatedBy: "..")
            guard bounds.count == 2, let low = Double(bounds[0]), let high = Double(bounds[1]), low.isFinite, high.isFinite, low < high else {
                throw Self.error("--random", text, "NAME=LOW..HIGH with LOW < HIGH")
            }
            return Range(name: name, low: low, high: high)
        }
        let names = grids.map(\.name) + ranges.map(\.name)
        if let repeated = names.first(where: { name in names.filter { $0 == name }.count > 1 }) {
            throw FineTuningError(.invalidRequest, "hyperparameter '\(repeated)' is swept twice", parameter: "grid")
        }
        guard !names.isEmpty else {
            throw FineTuningError(.invalidRequest, "give at least one --grid NAME=V1,V2 or --random NAME=LOW..HIGH", parameter: "grid")
        }
    }

    /// The trials: every grid combination; with ranges, `trials` draws (cycling through the grid
    /// combinations), seeded.
    public func trials(count: Int?, seed: UInt64) throws -> [[String: JSONValue]] {
        var combinations: [[String: JSONValue]] = [[:]]
        for grid in grids {
            combinations = combinations.flatMap { partial in grid.values.map { partial.merging([grid.name: $0]) { $1 } } }
        }
        guard !ranges.isEmpty else { return combinations }
        guard let count, count > 0 else {
            throw FineTuningError(.invalidRequest, "--random needs --trials N (how many draws)", parameter: "trials")
        }
        var generator = SeededRandomNumberGenerator(seed: seed)
        return (0..<count).map { index in
            var trial = combinations[index % combinations.count]
            for range in ranges {
                let unit = Double.random(in: 0..<1, using: &generator)
                let drawn = range.isLogarithmic ? exp(log(range.low) + unit * (log(range.high) - log(range.low))) : range.low + unit * (range.high - range.low)
                trial[range.name] = range.isInteger ? .integer(Int64(drawn.rounded())) : .number(Double(String(format: "%.3g", drawn))!)
            }
            return trial
        }
    }

    private static func split(_ text: String, option: String, form: String) throws -> (String, String) {
        guard let equals = text.firstIndex(of: "=") else { throw error(option, text, form) }
        let name = text[..<equals].trimmingCharacters(in: .whitespaces)
        guard !name.isEmpty else { throw error(option, text, form) }
        return (name, String(text[text.index(after: equals)...]))
    }

    private static func error(_ option: String, _ text: String, _ form: String) -> FineTuningError {
        FineTuningError(.invalidRequest, "\(option) '\(text)' is not \(form)", parameter: String(option.dropFirst(2)))
    }

    /// A number when the text is one, else a string.
    static func value(_ text: String) -> JSONValue {
        if let integer = Int64(text) { return .integer(integer) }
        if let number = Double(text) { return .number(number) }
        return .string(text)
    }
}
