/// Reads RFC 4180 CSV records in bounded memory on top of `LineReader`: fields separated by commas, quoted
/// fields may hold commas, doubled quotes and line breaks (a CRLF inside a quoted field becomes LF).
/// Every problem (a stray quote, an unterminated quoted field, invalid UTF-8, an over-long record) is
/// reported with the line where its record starts, and reading goes on with the next record.
struct CSVRecordReader {
    enum Event {
        case record(line: Int, fields: [String])
        case problem(line: Int, message: String)
    }

    let lines: LineReader

    func forEachRecord(_ body: (Event) throws -> Void) throws {
        var state = RecordState()
        try lines.forEachLine { number, line in
            switch line {
            case .tooLong(let count):
                try body(.problem(line: state.startLine ?? number, message: "line of \(count) bytes is longer than the limit of \(lines.maxLineBytes)"))
                state = RecordState()
            case .bytes(let bytes):
                if state.startLine == nil {
                    if bytes.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) { return true }
                    state.startLine = number
                }
                state.consume(bytes)
                if let error = state.error {
                    try body(.problem(line: state.startLine!, message: error))
                    state = RecordState()
                } else if state.inQuotes {
                    state.field.append(0x0A)
                    if state.byteCount > lines.maxLineBytes {
                        try body(.problem(line: state.startLine!, message: "quoted field longer than \(lines.maxLineBytes) bytes (unterminated quote?)"))
                        state = RecordState()
                    }
                } else {
                    try emit(&state, body)
                }
            }
            return true
        }
        if state.inQuotes, let start = state.startLine {
            try body(.problem(line: start, message: "unterminated quoted field at the end of the file"))
        }
    }

    private func emit(_ state: inout RecordState, _ body: (Event) throws -> Void) throws {
        state.endField()
        let line = state.startLine!
        var fields: [String] = []
        for (index, bytes) in state.fields.enumerated() {
            guard let text = String(validating: bytes, as: UTF8.self) else {
                try body(.problem(line: line, message: "field \(index + 1): invalid UTF-8"))
                state = RecordState()
                return
            }
            fields.append(text)
        }
        state = RecordState()
        try body(.record(line: line, fields: fields))
    }

    /// The record being assembled, possibly across lines.
    private struct RecordState {
        var startLine: Int?
        var fields: [[UInt8]] = []
        var field: [UInt8] = []
        var inQuotes = false
        var afterClosingQuote = false
        var byteCount = 0
        var error: String?

        mutating func consume(_ bytes: UnsafeBufferPointer<UInt8>) {
            byteCount += bytes.count
            var index = 0
            while index < bytes.count {
                let byte = bytes[index]
                index += 1
                if inQuotes {
                    if byte != UInt8(ascii: "\"") {
                        field.append(byte)
                    } else if index < bytes.count, bytes[index] == UInt8(ascii: "\"") {
                        field.append(byte)
                        index += 1
                    } else {
                        inQuotes = false
                        afterClosingQuote = true
                    }
                } else if byte == UInt8(ascii: ",") {
                    endField()
                } else if afterClosingQuote {
                    error = "field \(fields.count + 1): unexpected character after a closing quote"
                    return
                } else if byte == UInt8(ascii: "\"") {
                    guard field.isEmpty else {
                        error = "field \(fields.count + 1): a quote inside an unquoted field (quote the whole field and double the quote)"
                        return
                    }
                    inQuotes = true
                } else {
                    field.append(byte)
                }
            }
        }

        mutating func endField() {
            fields.append(field)
            field = []
            afterClosingQuote = false
        }
    }
}
