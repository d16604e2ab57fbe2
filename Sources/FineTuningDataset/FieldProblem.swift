/// A problem inside one record, before it is given its file and line.
struct FieldProblem: Error, Hashable, Sendable {
    var field: String?
    var message: String

    init(_ field: String?, _ message: String) {
        self.field = field
        self.message = message
    }

    /// "expected <expected>, found <actual type>".
    static func wrongType(_ field: String, expected: String, at index: Int, in tape: JSONTape) -> FieldProblem {
        FieldProblem(field, "expected \(expected), found \(tape.typeName(at: index))")
    }
}
