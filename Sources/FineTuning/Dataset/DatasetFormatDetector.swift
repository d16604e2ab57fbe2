/// Guesses a file's format: `.csv` by extension, otherwise from the keys of the first JSON object found in
/// the first lines (`messages`, `contents`, `prompt`/`completion`, `session_id`). Lines that are not JSON
/// objects are passed over, so one bad first line does not hide the format.
enum DatasetFormatDetector {
    static let linesToTry = 100

    static func detect(file: InputFile, maxLineBytes: Int = LineReader.defaultMaxLineBytes) throws -> DatasetFormat {
        if file.path.lowercased().hasSuffix(".csv") { return .csv }
        let location = DataLocation(file: file.path)
        if file.size == 0 { throw FineTuningError(.invalidData, "the file is empty", location: location) }
        var detected: DatasetFormat?
        var firstProblem: (line: Int, message: String)?
        var tried = 0
        let tape = JSONTape()
        try JSONLines(lines: LineReader(file: file, maxLineBytes: maxLineBytes), tape: tape).forEachObject { line, outcome in
            tried += 1
            switch outcome {
            case .success: detected = format(of: tape)
            case .failure(let problem): if firstProblem == nil { firstProblem = (line, problem.message) }
            }
            if detected == nil, firstProblem == nil { firstProblem = (line, "no known format's keys (messages, contents, prompt/completion, session_id)") }
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

    private static func format(of tape: JSONTape) -> DatasetFormat? {
        if tape.member("messages", of: 0) != nil { return .openAIChat }
        if tape.member("contents", of: 0) != nil { return .geminiContents }
        if tape.member("session_id", of: 0) != nil || tape.member("related_message", of: 0) != nil { return .conversationExport }
        if tape.member("prompt", of: 0) != nil || tape.member("completion", of: 0) != nil { return .promptCompletion }
        return nil
    }
}
