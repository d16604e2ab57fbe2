import FineTuning

/// One SQL statement with `?` placeholders and its arguments, written once for both databases (the
/// PostgreSQL driver numbers the placeholders).
struct SQLStatement: Sendable {
    var sql: String
    var arguments: [SQLValue]

    init(_ sql: String, _ arguments: [SQLValue] = []) {
        self.sql = sql
        self.arguments = arguments
    }
}

/// A value bound to a statement or read from a row: the four storage classes both databases share.
enum SQLValue: Sendable, Hashable {
    case null
    case integer(Int64)
    case real(Double)
    case text(String)
}

extension SQLValue: ExpressibleByStringLiteral, ExpressibleByIntegerLiteral, ExpressibleByNilLiteral {
    init(stringLiteral value: String) { self = .text(value) }
    init(integerLiteral value: Int64) { self = .integer(value) }
    init(nilLiteral: ()) { self = .null }

    init(_ value: String?) { self = value.map(SQLValue.text) ?? .null }
    init(_ value: Int64?) { self = value.map(SQLValue.integer) ?? .null }
    init(_ value: Int) { self = .integer(Int64(value)) }
    init(_ value: Double) { self = .real(value) }
    init(_ value: Bool) { self = .integer(value ? 1 : 0) }
}

/// The column names of a query's result, shared by all its rows, with each name's position.
final class SQLColumns: Sendable {
    let names: [String]
    private let positions: [String: Int]

    init(_ names: [String]) {
        self.names = names
        positions = Dictionary(names.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
    }

    func position(of column: String) -> Int? { positions[column] }
}

/// A result row: its values in column order, read by column name through typed accessors that throw
/// (naming the column) instead of trapping when the database holds something unexpected.
struct SQLRow: Sendable {
    let columns: SQLColumns
    let values: [SQLValue]

    init(columns: SQLColumns, values: [SQLValue]) {
        precondition(columns.names.count == values.count, "a row has one value per column")
        self.columns = columns
        self.values = values
    }

    /// The value in `column`; null for a column the query did not select.
    subscript(column: String) -> SQLValue {
        columns.position(of: column).map { values[$0] } ?? .null
    }

    func text(_ column: String) throws -> String {
        guard let value = try optionalText(column) else { throw Self.mismatch(column, "text", .null) }
        return value
    }

    func optionalText(_ column: String) throws -> String? {
        switch self[column] {
        case .null: nil
        case .text(let text): text
        case let other: throw Self.mismatch(column, "text", other)
        }
    }

    func integer(_ column: String) throws -> Int64 {
        guard let value = try optionalInteger(column) else { throw Self.mismatch(column, "an integer", .null) }
        return value
    }

    func optionalInteger(_ column: String) throws -> Int64? {
        switch self[column] {
        case .null: nil
        case .integer(let value): value
        case let other: throw Self.mismatch(column, "an integer", other)
        }
    }

    func real(_ column: String) throws -> Double {
        switch self[column] {
        case .integer(let value): Double(value)
        case .real(let value): value
        case let other: throw Self.mismatch(column, "a number", other)
        }
    }

    func bool(_ column: String) throws -> Bool { try integer(column) != 0 }

    private static func mismatch(_ column: String, _ expected: String, _ found: SQLValue) -> FineTuningError {
        FineTuningError(.invalidData, "the gateway's database holds \(found) in column '\(column)', expected \(expected)", parameter: column)
    }
}
