public import FineTuning
public import FineTuningHTTP
import Foundation
import Synchronization

/// Everything that happened on the wire during one scenario, in order: each request and its
/// replayed answer, each request the replay could not answer, and each retry sleep.
public final class ScenarioTrace: Sendable {
    public enum Event: Sendable, Hashable, CustomStringConvertible {
        /// A request and the recorded response it was answered with.
        case exchange(method: String, url: String, response: HTTPResponse)
        /// A request the replay refused (no recorded entry matched it).
        case unmatched(method: String, url: String, reason: String)
        /// The retry layer waited this long.
        case sleep(Duration)

        public var description: String {
            switch self {
            case .exchange(let method, let url, let response): "\(method) \(url) -> \(response.status)"
            case .unmatched(let method, let url, let reason): "\(method) \(url) -> unmatched: \(reason)"
            case .sleep(let pause): "sleep \(pause.inSeconds)s"
            }
        }
    }

    private let recorded = Mutex<[Event]>([])

    public init() {}

    public var events: [Event] { recorded.withLock { $0 } }

    func record(_ event: Event) {
        recorded.withLock { $0.append(event) }
    }

    /// Requests that reached the replay, answered or not.
    public var requestCount: Int {
        events.filter { if case .sleep = $0 { false } else { true } }.count
    }

    public var sleeps: [Duration] {
        events.compactMap { if case .sleep(let pause) = $0 { pause } else { nil } }
    }

    public var unmatched: [Event] {
        events.filter { if case .unmatched = $0 { true } else { false } }
    }

    /// The last response replayed, if any.
    public var lastResponse: HTTPResponse? {
        events.reversed().lazy.compactMap { if case .exchange(_, _, let response) = $0 { response } else { nil } }.first
    }

    /// A clock for the retry policy whose sleeps return at once and are recorded here.
    public func clock() -> ImmediateClock {
        ImmediateClock { [self] pause in record(.sleep(pause)) }
    }
}
