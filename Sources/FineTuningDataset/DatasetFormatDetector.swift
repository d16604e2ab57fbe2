import FineTuningBase
import Foundation

/// Guesses a file's format: `.csv` by extension or by a `prompt,completion` header line, otherwise from the
/// keys of the first JSON object found in the first lines (`messages`, `contents`, `prompt`/`completion`,
/// `session_id`, `input` with `preferred_output`, `contents` with `completions`). Lines that are not JSON objects are passed over, so one bad first line does not hide the
/// format.
enum DatasetFormatDetector {
    static let linesToTry = 100

    static func detect(file: InputFile, maxLineBytes: Int = LineReader.defaultMaxLineBytes) throws -> DatasetFormat {
        if file.path.lowercased().hasSuffix(".csv") { return .csv }
        let location = DataLocation(file: file.path)
        if file.size == 0 { throw FineTuningError(.invalidData, "the file is empty", location: location) }
        if try startsWithCSVHeader(file, maxLineBytes: maxLineBytes) { return .csv }
        var detected: DatasetFormat?
        var firstProblem: (line: Int, message: String)?
        var tried = 0
        let tape = JSONTape()
        try JSONLines(lines: JSONRecords.reader(for: file, maxLineBytes: maxLineBytes), tape: tape).forEachObject { line, outcome in
            tried += 1
            switch outcome {
            case .success: detected = format(of: tape)
            case .failure(let problem): if firstProblem == nil { firstProblem = (line, problem.message) }
            }
            if detected == nil, firstProblem == nil { firstProblem = (line, "no known format's keys (messages, contents, prompt/completion, session_id, input/preferred_output, contents/completions)") }
            return detected == nil && tried < linesToTry
        }
        file.rewind()
        if let detected { return detected }
        guard let firstProblem else {
            throw FineTuningError(.invalidData, "the file holds only blank lines", location: location)
        }
        throw FineTuningError(
            .invalidData, "cannot detect the data format (pass --format): \(firstProblem.message)",
            location: DataLocation(file: file.path, line: firstProblem.line))
    }

    /// Whether the first non-blank line is a CSV header naming `prompt` and `completion` columns.
    private static func startsWithCSVHeader(_ file: InputFile, maxLineBytes: Int) throws -> Bool {
        defer { file.rewind() }
        var header: [String]?
        try LineReader(file: file, maxLineBytes: maxLineBytes).forEachLine { _, line in
            guard case .bytes(let bytes) = line else { return false }
            if JSONLines.isBlank(bytes) { return true }
            let first = bytes.first { $0 != 0x20 && $0 != 0x09 }
            if first == UInt8(ascii: "{") || first == UInt8(ascii: "[") { return false }  // JSON, not a header
            header = String(decoding: bytes, as: UTF8.self).lowercased().split(separator: ",").map {
                $0.trimmingCharacters(in: CharacterSet(charactersIn: " \""))
            }
            return false
        }
        guard let header else { return false }
        return header.contains("prompt") && header.contains("completion")
    }

    private static func format(of tape: JSONTape) -> DatasetFormat? {
        if tape.member("input", of: 0) != nil, tape.member("preferred_output", of: 0) != nil || tape.member("non_preferred_output", of: 0) != nil { return .openAIPreference }
        if tape.member("completions", of: 0) != nil, tape.member("contents", of: 0) != nil { return .geminiPreference }
        if let system = tape.member("system", of: 0), tape[system].kind == .string, tape.member("messages", of: 0) != nil { return .bedrockClaude }
        if tape.member("messages", of: 0) != nil { return .openAIChat }
        if tape.member("contents", of: 0) != nil { return .geminiContents }
        if tape.member("session_id", of: 0) != nil || tape.member("related_message", of: 0) != nil { return .conversationExport }
        if tape.member("prompt", of: 0) != nil || tape.member("completion", of: 0) != nil { return .promptCompletion }
        return nil
    }
}
