import Foundation
import GRDB
import Synchronization

/// Read-only connections to the gateway's SQLite file, each with its own serial queue, taken in turn.
/// A read is one hop onto a connection's queue and one back, and never waits for another read's
/// connection: a `DatabasePool` hands its readers out under a lock and a semaphore, and under many
/// concurrent requests its threads spent more time waiting on those than reading.
final class SQLiteReaders: Sendable {
    private let connections: [DatabaseQueue]
    private let turn = Atomic<Int>(0)

    /// Opens `count` read-only connections to the database at `path`, which must exist (in WAL mode,
    /// so they read while the writer writes).
    init(path: String, count: Int) throws {
        var configuration = Configuration()
        configuration.readonly = true
        configuration.busyMode = .timeout(5)
        configuration.label = "finetune.gateway.sqlite-read"
        connections = try (0..<max(1, count)).map { _ in try DatabaseQueue(path: path, configuration: configuration) }
    }

    /// Runs `body` on the next connection, on that connection's queue. One statement needs no
    /// transaction around it: SQLite runs it in an implicit one, on one WAL snapshot.
    func read<Value: Sendable>(_ body: @escaping @Sendable (Database) throws -> Value) async throws -> Value {
        let connection = connections[turn.add(1, ordering: .relaxed).oldValue % connections.count]
        return try await withCheckedThrowingContinuation { continuation in
            connection.asyncUnsafeRead { database in
                continuation.resume(with: Result { try body(database.get()) })
            }
        }
    }

    func close() {
        for connection in connections { try? connection.close() }
    }
}
