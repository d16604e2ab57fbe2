import Synchronization

/// Values made from database rows, kept by the row they were made from: making one is a pure function
/// of the row, so a row read again (a client polling its job) gives the kept value without decoding
/// its JSON columns again. Entries are found by a short key (the row's id) and used only when the kept
/// row equals the row just read, so a changed row is made again and nothing stale is returned. Holds at
/// most `capacity` rows; when full it starts again rather than track ages.
final class RowMemo<Value: Sendable>: Sendable {
    let capacity: Int
    private let entries = Mutex<[String: (row: SQLRow, value: Value)]>([:])

    init(capacity: Int) {
        self.capacity = capacity
    }

    /// The value made from `row` (whose id is `key`): the kept one when the kept row is `row`, or
    /// `make(row)`, then kept.
    func value(for row: SQLRow, key: String, _ make: (SQLRow) throws -> Value) rethrows -> Value {
        if let entry = entries.withLock({ $0[key] }), entry.row == row { return entry.value }
        let value = try make(row)
        entries.withLock { entries in
            if entries.count >= capacity, entries[key] == nil { entries.removeAll(keepingCapacity: true) }
            entries[key] = (row, value)
        }
        return value
    }
}
