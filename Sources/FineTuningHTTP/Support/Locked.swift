import Foundation

/// A value guarded by a lock, for the few places where state is shared between a Swift task and
/// a thread that is not part of Swift concurrency (the curl loop thread) or between concurrent
/// `send` calls. `@unchecked Sendable` is sound because every access goes through `withLock`.
final class Locked<Value>: @unchecked Sendable {
    private let lock = NSLock()
    private var value: Value

    init(_ value: Value) {
        self.value = value
    }

    func withLock<Result>(_ body: (inout Value) throws -> Result) rethrows -> Result {
        lock.lock()
        defer { lock.unlock() }
        return try body(&value)
    }
}
