extension JSONTape {
    /// `value` when it is present and of `kind`; otherwise nil, with the problem ("missing", or the
    /// wrong type) reported under `field`. The one check every required container field goes through.
    func required(_ value: Int?, _ kind: Token.Kind, field: String, problems: inout [FieldProblem]) -> Int? {
        guard let value else {
            problems.append(FieldProblem(field, "missing"))
            return nil
        }
        guard tokens[value].kind == kind else {
            problems.append(.wrongType(field, expected: kind.withArticle, at: value, in: self))
            return nil
        }
        return value
    }
}

extension JSONTape.Token.Kind {
    /// "an object", "an array", ... for messages.
    var withArticle: String {
        switch self {
        case .object: "an object"
        case .array: "an array"
        case .string: "a string"
        case .number: "a number"
        case .bool: "a boolean"
        case .null: "null"
        }
    }
}
