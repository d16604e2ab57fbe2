/// Why a scenario did not pass, in one sentence for the result table.
public struct ConformanceFailure: Error, Sendable, Hashable, CustomStringConvertible {
    public var reason: String

    public init(_ reason: String) {
        self.reason = reason
    }

    public var description: String { reason }
}
