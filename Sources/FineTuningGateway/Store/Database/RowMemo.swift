import Synchronization

/// Values made from database rows, kept by the row they were made from: making one is a pure function
/// of the row, so a row read again (a client polling its job) gives the kept value without decoding
/// its JSON columns again, and a changed row is a different key. Holds at most `capacity` rows; when
/// full it starts again rather than track ages.
final class RowMemo<Value: Sendable>: Sendable {
    let capacity: Int
    private let values = Mutex<[SQLRow: Value]>([:])

    init(capacity: Int) {
        self.capacity = capacity
    }

    /// The value made from `row`: the kept one, or `make(row)`, then kept.
    func value(for row: SQLRow, _ make: (SQLRow) throws -> Value) rethrows -> Value {
        if let value = values.withLock({ $0[row] }) { return value }
        let value = try make(row)
        values.withLock { values in
            if values.count >= capacity { values.removeAll(keepingCapacity: true) }
            values[row] = value
        }
        return value
    }
}
