import Foundation

/// A handler that answers with scripted responses in order, repeating the last one: for
/// "429, then 200" or "503, then 200" scenarios. It counts how many requests it answered.
///
/// `@unchecked Sendable`: the position is guarded by `lock`.
public final class ResponseSequence: @unchecked Sendable {
    private let responses: [TestHTTPResponse]
    private let lock = NSLock()
    private var served = 0

    public init(_ responses: [TestHTTPResponse]) {
        precondition(!responses.isEmpty, "a response sequence needs at least one response")
        self.responses = responses
    }

    /// How many requests have been answered.
    public var count: Int {
        lock.lock()
        defer { lock.unlock() }
        return served
    }

    /// The next response (the last one once the script is used up).
    public func next(_ request: TestHTTPRequest) -> TestHTTPResponse {
        lock.lock()
        defer { lock.unlock() }
        served += 1
        return responses[min(served, responses.count) - 1]
    }
}
