@testable import FineTuningConformance
import FineTuningHTTP
import Foundation
import Testing

/// The checks on a scenario's traffic, on traces built by hand (a retry layer that waits the
/// wrong time cannot be produced from a fixture alone).
@Suite struct ExchangeExpectationTests {
    static func trace(_ events: [ScenarioTrace.Event]) -> ScenarioTrace {
        let trace = ScenarioTrace()
        events.forEach(trace.record)
        return trace
    }

    static let throttled = HTTPResponse(status: 429, headers: ["Retry-After": "7"])
    static let url = "https://x.test/jobs/1"

    @Test func aSleepShorterThanRetryAfterFails() {
        let trace = Self.trace([
            .exchange(method: "GET", url: Self.url, response: Self.throttled), .sleep(.seconds(2)),
            .exchange(method: "GET", url: Self.url, response: HTTPResponse(status: 200)),
        ])
        let expectation = ExchangeExpectation(requests: 2, minRetrySleeps: 1, sleepsFollowRetryAfter: true)
        #expect(expectation.failures(of: trace) == ["slept 2.0s after HTTP 429, which asked for 7.0s"])
    }

    @Test func theRightSleepPassesAndCountsAreChecked() {
        let trace = Self.trace([.exchange(method: "GET", url: Self.url, response: Self.throttled), .sleep(.seconds(7))])
        #expect(ExchangeExpectation(sleepsFollowRetryAfter: true).failures(of: trace) == [])
        #expect(ExchangeExpectation(requests: 2, minRetrySleeps: 2).failures(of: trace) == [
            "1 request(s) made, expected exactly 2", "retried after 1 sleep(s), expected at least 2",
        ])
    }
}
