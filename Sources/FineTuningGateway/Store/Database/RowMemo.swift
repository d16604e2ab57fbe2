import Synchronization

/// Where a row stands: its sequence number, which the database never gives another row, and its
/// version, which every update of the row raises (a trigger of the schema). Two reads of a row with
/// the same stamp read the same values.
struct RowStamp: Hashable, Sendable {
    let seq: Int64
    let version: Int64

    init(seq: Int64, version: Int64) {
        self.seq = seq
        self.version = version
    }

    /// The stamp of `row`, which selected `seq` and `version`.
    init(_ row: SQLRow) throws {
        self.init(seq: try row.integer("seq"), version: try row.integer("version"))
    }
}

/// Values made from database rows, kept by the row's key and stamp: making one is a pure function of
/// the row, so a client polling its job is answered from a query of the stamps alone, without reading
/// the row's long JSON columns again. A value is given only for the stamp it was made at, so a changed
/// row is read and made again and nothing stale is returned. Holds at most `capacity` rows
/// (`Dictionary.keep(_:forKey:capacity:)`).
final class RowMemo<Value: Sendable>: Sendable {
    let capacity: Int
    private let entries = Mutex<[String: (stamp: RowStamp, value: Value)]>([:])

    init(capacity: Int) {
        self.capacity = capacity
    }

    /// The values kept for the rows `key` at `stamp`, in order; nil for a row without one.
    func values(_ rows: [(key: String, stamp: RowStamp)]) -> [Value?] {
        entries.withLock { entries in rows.map { row in entries[row.key].flatMap { $0.stamp == row.stamp ? $0.value : nil } } }
    }

    /// Keeps `value`, made from the row `key` at `stamp`.
    func keep(_ value: Value, _ key: String, at stamp: RowStamp) {
        entries.withLock { $0.keep((stamp, value), forKey: key, capacity: capacity) }
    }
}
