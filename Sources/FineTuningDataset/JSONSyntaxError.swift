/// Why a line is not valid JSON, with the 1-based byte column where the parser stopped.
struct JSONSyntaxError: Error, Equatable {
    var column: Int
    var reason: String

    var message: String { "invalid JSON at column \(column): \(reason)" }
}
