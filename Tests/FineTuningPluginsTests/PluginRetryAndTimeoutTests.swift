import FineTuning
import FineTuningHTTP
import FineTuningPlugins
import Foundation
import Synchronization
import Testing

/// The host obeys the retry decision in a plugin's error document, and an operation that does
/// not return in time ends in a `timeout` error naming the plugin and the operation.
@Suite struct PluginRetryAndTimeoutTests {
    /// The waits the retry layer asked for, on a clock that does not wait.
    final class Sleeps: Sendable {
        let clock = ImmediateClock()
        var all: [Duration] { clock.sleeps }
        var transport: RetryingTransport {
            RetryingTransport(base: RefusingTransport(), policy: RetryPolicy(backoff: RetryBackoff(clock: clock)))
        }
    }

    private func provider(_ source: TestPluginSource, sleeps: Sleeps, timeout: Duration? = nil) throws -> (PluginProvider, String) {
        let path = try source.build(named: "retrying", in: try temporaryPluginFolder())
        let provider = try PluginLoader().load(path: path).makeProvider(transport: sleeps.transport, environment: [:], operationTimeout: timeout)
        return (provider, path)
    }

    @Test func aRetryableErrorRunsTheOperationAgainAfterItsRetryAfter() async throws {
        let sleeps = Sleeps()
        let (provider, _) = try provider(TestPluginSource(
            getFailuresFirst: 1,
            getFailure: #"{"format_version":1,"error":{"code":"rate_limited","message":"slow down","retry_after":0.25,"retryable":true}}"#),
            sleeps: sleeps)
        let job = try await provider.getJob(id: "job-1")
        #expect(job.id.description == "broken:job-1")
        #expect(sleeps.all == [.milliseconds(250)])
    }

    @Test(arguments: [
        #"{"format_version":1,"error":{"code":"quota_exceeded","message":"acme quota is spent","http_status":429,"retryable":false}}"#,
        #"{"format_version":1,"error":{"code":"rate_limited","message":"no retry said","http_status":429}}"#,
        #"{"code":"quota_exceeded","message":"the bare ABI 1.0 form","retryable":false}"#,
    ])
    func anErrorNotMarkedRetryableIsFinal(_ document: String) async throws {
        let sleeps = Sleeps()
        let (provider, _) = try provider(TestPluginSource(getFailuresFirst: 1, getFailure: document), sleeps: sleeps)
        let error = try await #require(throws: FineTuningError.self) { try await provider.getJob(id: "job-1") }
        #expect([FineTuningError.Code.quotaExceeded, .rateLimited].contains(error.code))
        #expect(error.provider == "broken")
        #expect(sleeps.all.isEmpty)
    }

    @Test func retriesStopAtThePolicysAttempts() async throws {
        let sleeps = Sleeps()
        let (provider, _) = try provider(TestPluginSource(
            getFailuresFirst: 10, getFailure: #"{"format_version":1,"error":{"code":"provider_unavailable","message":"down","retryable":true}}"#),
            sleeps: sleeps)
        let error = try await #require(throws: FineTuningError.self) { try await provider.getJob(id: "job-1") }
        #expect(error.code == .providerUnavailable)
        #expect(sleeps.all.count == 2)
    }

    @Test func aHangingOperationTimesOutNamingThePluginAndTheOperation() async throws {
        let (provider, path) = try provider(TestPluginSource(getSleepSeconds: 300), sleeps: Sleeps(), timeout: .milliseconds(300))
        let started = ContinuousClock.now
        let error = try await #require(throws: FineTuningError.self) { try await provider.getJob(id: "job-1") }
        #expect(ContinuousClock.now - started < .seconds(100), "it waited for the plugin, not the timeout")
        #expect(error.code == .timeout)
        #expect(error.message == "plugin \(path): get_job did not return within 0.3 s", "\(error.message)")
    }

    @Test func theManifestSetsThePluginsDefaultTimeout() throws {
        var source = TestPluginSource()
        source.manifest = source.validManifest.replacingOccurrences(of: #""version":"0.0.1","#, with: #""version":"0.0.1","operation_timeout":7,"#)
        let plugin = try PluginLoader().load(path: try source.build(named: "timed", in: try temporaryPluginFolder()))
        #expect(plugin.manifest.operationTimeout == .seconds(7))
        #expect(try plugin.makeProvider(transport: RefusingTransport(), environment: [:]).operationTimeout == .seconds(7))
        #expect(try plugin.makeProvider(transport: RefusingTransport(), environment: [:], operationTimeout: .seconds(2)).operationTimeout == .seconds(2))
    }
}
