import Foundation
import Synchronization

/// A handler that answers with scripted responses in order, repeating the last one: for
/// "429, then 200" or "503, then 200" scenarios. It counts how many requests it answered.
public final class ResponseSequence: Sendable {
    private let responses: [TestHTTPResponse]
    private let served = Mutex(0)

    public init(_ responses: [TestHTTPResponse]) {
        precondition(!responses.isEmpty, "a response sequence needs at least one response")
        self.responses = responses
    }

    /// How many requests have been answered.
    public var count: Int {
        served.withLock { $0 }
    }

    /// The next response (the last one once the script is used up).
    public func next(_ request: TestHTTPRequest) -> TestHTTPResponse {
        let position = served.withLock { served in
            served += 1
            return served
        }
        return responses[min(position, responses.count) - 1]
    }
}
