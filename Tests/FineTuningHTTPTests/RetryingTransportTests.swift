import FineTuning
import FineTuningTestSupport
import Foundation
import Testing

@testable import FineTuningHTTP

/// Retries against a real loopback server; the clock records delays instead of sleeping.
@Suite struct RetryingTransportTests {
    let sleeps = SleepRecorder()

    func transport(maxAttempts: Int = 3) -> RetryingTransport {
        RetryingTransport(base: CurlTransport(), policy: RetryPolicy(maxAttempts: maxAttempts, backoff: sleeps.backoff))
    }

    @Test func retries429HonouringRetryAfterThenSucceeds() async throws {
        let script = ResponseSequence([
            .json(#"{"error":{"code":"rate_limit_exceeded"}}"#, status: 429, headers: [("Retry-After", "7")]),
            .json(#"{"id":"ftjob-1"}"#),
        ])
        let server = try TestHTTPServer(handler: script.next)
        let response = try await transport().send(HTTPRequest(method: .get, url: server.url("/v1/fine_tuning/jobs/ftjob-1")))
        #expect(response.status == 200)
        #expect(script.count == 2)
        #expect(sleeps.delays == [7])
    }

    @Test func retries503WithJitteredBackoff() async throws {
        let script = ResponseSequence([.text("busy", status: 503), .text("busy", status: 503), .json("{}")])
        let server = try TestHTTPServer(handler: script.next)
        let response = try await transport().send(HTTPRequest(method: .get, url: server.url("/job")))
        #expect(response.status == 200)
        #expect(sleeps.delays.count == 2)
        #expect((0.25...0.5).contains(sleeps.delays[0]))
        #expect((0.5...1.0).contains(sleeps.delays[1]))
    }

    @Test func honoursRetryAfterMillisecondsDatesAndTheCap() async throws {
        let date = Date().addingTimeInterval(30)
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss 'GMT'"
        let script = ResponseSequence([
            .text("", status: 429, headers: [("retry-after-ms", "250"), ("Retry-After", "9")]),
            .text("", status: 503, headers: [("Retry-After", formatter.string(from: date))]),
            .text("", status: 503, headers: [("Retry-After", "3600")]),
            .json("{}"),
        ])
        let server = try TestHTTPServer(handler: script.next)
        let response = try await transport(maxAttempts: 4).send(HTTPRequest(method: .get, url: server.url("/job")))
        #expect(response.status == 200)
        #expect(sleeps.delays.count == 3)
        #expect(sleeps.delays[0] == 0.25)
        // The date is 30 s after the test started; by the time the header is read some of that has passed.
        let elapsed = Date().timeIntervalSince(date) + 30
        #expect((29 - elapsed...30).contains(sleeps.delays[1]))
        #expect(sleeps.delays[2] == RetryBackoff().retryAfterCap.inSeconds)
    }

    @Test func quotaExhaustedAndShouldRetryFalseFailAtOnce() async throws {
        let bodies = [
            #"{"error":{"message":"You exceeded your current quota","type":"insufficient_quota","code":"insufficient_quota"}}"#,
            #"{"error":{"code":429,"status":"RESOURCE_EXHAUSTED","details":[{"reason":"daily_rate_limit_exceeded"}]}}"#,
        ]
        for body in bodies {
            let script = ResponseSequence([.json(body, status: 429, headers: [("Retry-After", "1")])])
            let server = try TestHTTPServer(handler: script.next)
            let response = try await transport().send(HTTPRequest(method: .get, url: server.url("/job")))
            #expect(response.status == 429)
            #expect(script.count == 1)
        }
        let script = ResponseSequence([.text("", status: 503, headers: [("x-should-retry", "false")])])
        let server = try TestHTTPServer(handler: script.next)
        #expect(try await transport().send(HTTPRequest(method: .get, url: server.url("/job"))).status == 503)
        #expect(script.count == 1)
        #expect(sleeps.delays.isEmpty)
    }

    @Test func givesUpAfterMaxAttemptsReturningTheLastResponse() async throws {
        let script = ResponseSequence([.text("down", status: 500)])
        let server = try TestHTTPServer(handler: script.next)
        let response = try await transport().send(HTTPRequest(method: .get, url: server.url("/job")))
        #expect(response.status == 500)
        #expect(script.count == 3)
    }

    @Test func doesNotRetryClientErrors() async throws {
        let script = ResponseSequence([.json(#"{"error":{"message":"bad"}}"#, status: 400)])
        let server = try TestHTTPServer(handler: script.next)
        #expect(try await transport().send(HTTPRequest(method: .get, url: server.url("/job"))).status == 400)
        #expect(script.count == 1)
    }

    @Test func retriesIdempotentRequestsAfterAConnectionReset() async throws {
        let script = ResponseSequence([TestHTTPResponse(body: Data(repeating: 120, count: 10_000), fault: .resetAfter(sentBytes: 10)), .json("{}")])
        let server = try TestHTTPServer(handler: script.next)
        let cancel = HTTPRequest(method: .post, url: server.url("/v1/fine_tuning/jobs/ftjob-1/cancel"), isIdempotent: true)
        #expect(try await transport().send(cancel).status == 200)
        #expect(script.count == 2)
    }

    @Test func neverResendsACreateThatMayHaveReachedTheServer() async throws {
        let create = { (url: URL) in HTTPRequest(method: .post, url: url, body: .data(Data(#"{"model":"m"}"#.utf8))) }

        let unavailable = ResponseSequence([.text("", status: 503), .json("{}")])
        let unavailableServer = try TestHTTPServer(handler: unavailable.next)
        #expect(try await transport().send(create(unavailableServer.url("/v1/jobs"))).status == 503)
        #expect(unavailable.count == 1)

        let reset = ResponseSequence([TestHTTPResponse(body: Data(repeating: 120, count: 10_000), fault: .resetAfter(sentBytes: 10)), .json("{}")])
        let resetServer = try TestHTTPServer(handler: reset.next)
        let error = await fineTuningError { _ = try await transport().send(create(resetServer.url("/v1/jobs"))) }
        #expect(error?.transportFailure == .connectionLost)
        #expect(reset.count == 1)
        #expect(sleeps.delays.isEmpty)
    }

    @Test func resendsACreateThatNeverLeft() async throws {
        let refused = try RefusingPort()
        defer { withExtendedLifetime(refused) {} }
        let error = await fineTuningError {
            _ = try await transport().send(HTTPRequest(method: .post, url: refused.url("/v1/jobs"), body: .data(Data("{}".utf8))))
        }
        #expect(error?.transportFailure == .connectionRefused)
        #expect(sleeps.delays.count == 2)
    }
}
