/// Reads a data file's examples into memory for a backend that trains on them (the local
/// llama.cpp backend): every example of any supported format, with its line.
public enum DatasetReader {
    /// One example and the 1-based line (or CSV record start) it came from.
    public struct Entry: Sendable, Hashable {
        public var line: Int
        public var example: TrainingExample
    }

    /// Every example of `path` in order, after checking the whole file against its format's rules
    /// and `requirements`: the first problem is thrown as `invalid_data` naming file, line and field
    /// (`parameter` names the argument the file came from).
    public static func examples(
        path: String, format: DatasetFormat? = nil, requirements: DatasetRequirements? = nil, parameter: String = "training_file"
    ) throws -> [Entry] {
        let report = try DatasetValidator.validate(path: path, format: format, requirements: requirements, maxProblems: 1)
        try report.throwIfInvalid(parameter: parameter)
        var entries: [Entry] = []
        try ExampleSource(path: path, format: report.format).forEach { event in
            if case .example(let record) = event { entries.append(Entry(line: record.line, example: record.example())) }
        }
        return entries
    }
}
