/// Parses each non-blank line of a JSON Lines file into a tape and checks that it holds one JSON object.
/// Blank lines are skipped; every other failure is reported with its line and reading goes on.
struct JSONLines {
    let lines: LineReader
    let tape: JSONTape

    /// Calls `body` with each line's number and either success (the object is in `tape`) or the problem,
    /// until the file ends or `body` returns false. Returns the number of lines read.
    @discardableResult
    func forEachObject(_ body: (_ line: Int, _ outcome: Result<Void, FieldProblem>) throws -> Bool) throws -> Int {
        try lines.forEachLine { number, line in
            if case .bytes(let bytes) = line, Self.isBlank(bytes) { return true }
            return try body(number, parse(line))
        }
    }

    private func parse(_ line: LineReader.Line) -> Result<Void, FieldProblem> {
        switch line {
        case .tooLong(let count):
            return .failure(FieldProblem(nil, "line of \(count) bytes is longer than the limit of \(lines.maxLineBytes) bytes"))
        case .bytes(let bytes):
            do {
                try tape.parse(bytes)
            } catch {
                return .failure(FieldProblem(nil, error.message))
            }
            if tape[0].kind != .object {
                let found = tape.typeName(at: 0)
                let hint = tape[0].kind == .array ? " (a top-level array is not JSON Lines: put one object per line)" : ""
                return .failure(FieldProblem(nil, "expected one JSON object per line, found \(found == "array" ? "an array" : "a \(found)")\(hint)"))
            }
            return .success(())
        }
    }

    static func isBlank(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        bytes.allSatisfy { $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }
    }
}
