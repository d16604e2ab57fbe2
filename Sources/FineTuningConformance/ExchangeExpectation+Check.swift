import FineTuningHTTP
import FineTuningBase

extension ExchangeExpectation {
    /// Every way the scenario's trace misses this expectation, one sentence each.
    func failures(of trace: ScenarioTrace) -> [String] {
        var failures: [String] = []
        let requestCount = trace.requestCount
        if let requests, requestCount != requests {
            failures.append("\(requestCount) request(s) made, expected exactly \(requests)")
        }
        if let minRequests, requestCount < minRequests {
            failures.append("\(requestCount) request(s) made, expected at least \(minRequests)")
        }
        if let minRetrySleeps, trace.sleeps.count < minRetrySleeps {
            failures.append("retried after \(trace.sleeps.count) sleep(s), expected at least \(minRetrySleeps)")
        }
        if sleepsFollowRetryAfter == true {
            failures += retryAfterFailures(trace.events)
        }
        return failures
    }

    /// Each sleep must equal the retry-after of the response just before it.
    private func retryAfterFailures(_ events: [ScenarioTrace.Event]) -> [String] {
        var failures: [String] = []
        var previous: HTTPResponse?
        for event in events {
            switch event {
            case .exchange(_, _, let response):
                previous = response
            case .sleep(let pause):
                let asked = previous.flatMap { HTTPErrorMapping.retryAfter($0.headers) }
                if let asked, (asked - pause).inSeconds.magnitude < 0.001 { continue }
                failures.append(
                    "slept \(pause.inSeconds)s after HTTP \(previous.map { String($0.status) } ?? "(none)"), which asked for "
                        + (asked.map { "\($0.inSeconds)s" } ?? "no particular wait"))
            case .unmatched:
                previous = nil
            }
        }
        return failures
    }
}
