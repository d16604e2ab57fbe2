/// One example as read from a file. For JSON Lines it is backed by the reused tape, so it is valid only
/// during the callback that received it; `example()` builds the normalized form on demand.
struct ExampleRecord {
    enum Content {
        case tape(JSONTape)
        case materialized(TrainingExample)
    }

    let line: Int
    let outline: ExampleOutline
    let content: Content

    /// Why this record cannot be rewritten without losing content, or nil when it can.
    var conversionObstacle: String? {
        outline.turns.contains(where: \.hasNonTextParts)
            ? "image, audio, file or function-call parts are not carried over by conversion" : nil
    }

    func example() -> TrainingExample {
        switch content {
        case .tape(let tape): outline.example(from: tape)
        case .materialized(let example): example
        }
    }
}

/// What reading a data file yields, record by record: a usable example, or a record with problems.
enum ExampleEvent {
    case example(ExampleRecord)
    case invalid(line: Int, problems: [FieldProblem])
}
