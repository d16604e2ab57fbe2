import Foundation

/// Turns CSV records into examples: a header row naming a `prompt` and a `completion` column (in any
/// order, other columns ignored), then one example per row.
struct CSVExampleReader {
    let records: CSVRecordReader

    func forEachExample(_ body: (_ line: Int, _ result: Result<TrainingExample, FieldProblem>) throws -> Void) throws {
        var columns: (prompt: Int, completion: Int, count: Int)?
        var headerSeen = false
        try records.forEachRecord { event in
            switch event {
            case .problem(let line, let message):
                try body(line, .failure(FieldProblem(nil, message)))
            case .record(let line, let fields) where !headerSeen:
                headerSeen = true
                let names = fields.map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
                if let prompt = names.firstIndex(of: "prompt"), let completion = names.firstIndex(of: "completion") {
                    columns = (prompt, completion, fields.count)
                } else {
                    try body(line, .failure(FieldProblem("header", "the header row must name a 'prompt' and a 'completion' column, found: \(fields.joined(separator: ","))")))
                }
            case .record(let line, let fields):
                guard let columns else {
                    try body(line, .failure(FieldProblem(nil, "row skipped: no valid header row")))
                    return
                }
                guard fields.count == columns.count else {
                    try body(line, .failure(FieldProblem(nil, "expected \(columns.count) fields as in the header, found \(fields.count)")))
                    return
                }
                try body(line, .success(TrainingExample(turns: [
                    .init(role: .user, text: fields[columns.prompt]),
                    .init(role: .assistant, text: fields[columns.completion]),
                ])))
            }
        }
    }

    /// Where CSV turns live, for problem locations.
    static func path(_ index: Int, _ role: TrainingExample.Role) -> TurnPath {
        .field(role == .user ? "prompt" : role == .assistant ? "completion" : role.rawValue)
    }
}
