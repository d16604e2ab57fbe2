import FineTuningBase

/// Collects problems up to a cap and counts the rest.
struct ProblemLog {
    let path: String
    let limit: Int
    private(set) var problems: [DatasetProblem] = []
    private(set) var omitted = 0

    init(path: String, limit: Int) {
        self.path = path
        self.limit = max(limit, 0)
    }

    mutating func add(_ problem: FieldProblem, line: Int?) {
        guard problems.count < limit else {
            omitted += 1
            return
        }
        problems.append(DatasetProblem(location: DataLocation(file: path, line: line, field: problem.field), message: problem.message))
    }

    mutating func add(_ problems: [FieldProblem], line: Int?) {
        for problem in problems { add(problem, line: line) }
    }

    /// Appends another log's problems (kept and omitted) after this one's, shifting their line numbers.
    mutating func append(_ other: ProblemLog, lineOffset: Int) {
        for var problem in other.problems {
            problem.location.line = problem.location.line.map { $0 + lineOffset }
            if problems.count < limit { problems.append(problem) } else { omitted += 1 }
        }
        omitted += other.omitted
    }
}
