/// Reads the examples of a data file of any supported format, one at a time, in bounded memory (except
/// conversation exports, which must pair messages across the file).
struct ExampleSource {
    let file: InputFile
    let format: DatasetFormat
    let maxLineBytes: Int

    /// Opens `path`, detecting its format when `format` is nil.
    init(path: String, format: DatasetFormat?, maxLineBytes: Int = LineReader.defaultMaxLineBytes) throws {
        file = try InputFile(path: path)
        self.maxLineBytes = maxLineBytes
        if let format {
            self.format = format
        } else {
            self.format = try DatasetFormatDetector.detect(file: file, maxLineBytes: maxLineBytes)
        }
    }

    init(file: InputFile, format: DatasetFormat, maxLineBytes: Int) {
        self.file = file
        self.format = format
        self.maxLineBytes = maxLineBytes
    }

    var path: String { file.path }

    /// Up to `count` sources over consecutive parts of a JSON Lines file, each starting after a newline,
    /// for reading in parallel. Line numbers in each part start at 1. Other formats are not split.
    func parts(_ count: Int) throws -> [ExampleSource] {
        guard count > 1, format.lineDecoder != nil else { return [self] }
        var bounds: [Int64] = [0]
        for index in 1..<count {
            let target = max(file.size * Int64(index) / Int64(count), bounds.last!)
            guard let cut = try file.offsetAfterNewline(from: target), cut < file.size, cut > bounds.last! else { break }
            bounds.append(cut)
        }
        bounds.append(file.size)
        return try zip(bounds, bounds.dropFirst()).map { start, end in
            ExampleSource(file: try InputFile(path: path, range: start..<end), format: format, maxLineBytes: maxLineBytes)
        }
    }

    /// Calls `body` with each record in order. Returns the number of lines read for JSON Lines formats.
    @discardableResult
    func forEach(_ body: (ExampleEvent) throws -> Void) throws -> Int {
        let lines = LineReader(file: file, maxLineBytes: maxLineBytes)
        if let decoder = format.lineDecoder {
            let tape = JSONTape()
            var problems: [FieldProblem] = []
            return try JSONLines(lines: lines, tape: tape).forEachObject { line, outcome in
                if case .failure(let problem) = outcome {
                    try body(.invalid(line: line, problems: [problem]))
                    return true
                }
                problems.removeAll(keepingCapacity: true)
                let outline = decoder.outline(of: tape, problems: &problems)
                if problems.isEmpty {
                    try body(.example(ExampleRecord(line: line, outline: outline, content: .tape(tape))))
                } else {
                    try body(.invalid(line: line, problems: problems))
                }
                return true
            }
        }
        let deliver: (Int, Result<TrainingExample, FieldProblem>) throws -> Void = { line, result in
            switch result {
            case .failure(let problem): try body(.invalid(line: line, problems: [problem]))
            case .success(let example):
                let outline = ExampleOutline(example, paths: format == .csv ? CSVExampleReader.path : ConversationExportReader.path)
                try body(.example(ExampleRecord(line: line, outline: outline, content: .materialized(example))))
            }
        }
        if format == .csv {
            try CSVExampleReader(records: CSVRecordReader(lines: lines)).forEachExample(deliver)
        } else {
            try ConversationExportReader(lines: lines).forEachExample(deliver)
        }
        return 0
    }
}
