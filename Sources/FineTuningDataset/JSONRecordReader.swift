/// Hands out the records of a JSON data file one at a time with the line where each starts: the lines of
/// a JSON Lines file (`LineReader`) or the elements of a top-level JSON array (`JSONArrayReader`).
protocol JSONRecordReader {
    /// The cap on one record's size.
    var maxLineBytes: Int { get }

    /// Calls `body` with each record and the 1-based line it starts on until the file ends or `body`
    /// returns false. Returns the number of lines read.
    @discardableResult
    func forEachLine(_ body: (_ number: Int, _ line: LineReader.Line) throws -> Bool) throws -> Int
}

extension LineReader: JSONRecordReader {}

enum JSONRecords {
    /// The reader for `file`: its array elements when the first character (after a byte order mark and
    /// white space) is `[`, its lines otherwise.
    static func reader(for file: InputFile, maxLineBytes: Int) throws -> any JSONRecordReader {
        try file.firstNonBlankByte() == UInt8(ascii: "[")
            ? JSONArrayReader(file: file, maxLineBytes: maxLineBytes)
            : LineReader(file: file, maxLineBytes: maxLineBytes)
    }
}
