import FineTuning
import FineTuningPlugins
import FineTuningTestSupport
import Foundation
import Testing

/// A plugin behind `ChildProcessPluginProvider` runs in `finetune plugin-call` child processes:
/// its answers arrive as usual, and its crash or hang is an error, never the caller's end.
@Suite struct ChildProcessPluginProviderTests {
    func provider(
        _ source: TestPluginSource, timeout: Duration? = nil, environment: [String: String] = [:]
    ) async throws -> (ChildProcessPluginProvider, String) {
        let path = try source.build(named: "isolated", in: try temporaryPluginFolder())
        let executable = URL(fileURLWithPath: try BuiltPlugins.executable("finetune"))
        let provider = try await ChildProcessPluginProvider.load(
            path: path, executable: executable, environment: environment.merging(["HOME": "/nonexistent", "PATH": "/usr/bin:/bin"]) { $1 },
            operationTimeout: timeout)
        return (provider, path)
    }

    @Test func theManifestAndAnswersCrossThePipe() async throws {
        let (provider, _) = try await provider(TestPluginSource(providerID: "isolated"))
        #expect(provider.descriptor.id == "isolated")
        let job = try await provider.getJob(id: "job-1")
        #expect(job.id.description == "isolated:job-1")
        #expect(job.status == .running)
    }

    @Test func thePluginsErrorDocumentArrivesAsItsError() async throws {
        let (provider, _) = try await provider(TestPluginSource(
            getStatus: "FINETUNE_ERROR", getResponse: #"{"format_version":1,"error":{"code":"not_found","message":"no job job-1","http_status":404}}"#))
        let error = try await #require(throws: FineTuningError.self) { try await provider.getJob(id: "job-1") }
        #expect(error.code == .notFound)
        #expect(error.message == "no job job-1")
    }

    @Test func aCrashIsAnErrorNamingTheSignalAndTheCallerGoesOn() async throws {
        let (provider, path) = try await provider(TestPluginSource(getCrashes: true))
        let error = try await #require(throws: FineTuningError.self) { try await provider.getJob(id: "job-1") }
        #expect(error.code == .pluginABI)
        #expect(error.message == "plugin \(path): get_job crashed with signal 6 (SIGABRT)")
        // The same provider serves the next call in a fresh child.
        let next = try await #require(throws: FineTuningError.self) { try await provider.cancelJob(id: "job-1") }
        #expect(next.code == .pluginABI)
        #expect(!next.message.contains("crashed"))
    }

    @Test func aHangIsATimeout() async throws {
        let (provider, path) = try await provider(TestPluginSource(getSleepSeconds: 300), timeout: .milliseconds(500))
        let started = ContinuousClock.now
        let error = try await #require(throws: FineTuningError.self) { try await provider.getJob(id: "job-1") }
        #expect(ContinuousClock.now - started < .seconds(100), "it waited for the plugin, not the timeout")
        #expect(error.code == .timeout)
        #expect(error.message.hasPrefix("plugin \(path): get_job did not return within 0.5 s"), "\(error.message)")
    }

    @Test func theChildRecordsNoHARFileOverTheCallers() async throws {
        let server = try TestHTTPServer { _ in .json(#"{"ok":true}"#) }
        defer { server.stop() }
        let recording = try temporaryPluginFolder().appendingPathComponent("caller.har")
        let (provider, _) = try await provider(
            TestPluginSource(getSendsHTTP: #"{"method":"GET","url":"\#(server.url("/probe").absoluteString)","idempotent":true}"#),
            environment: ["FINETUNE_HAR_RECORD": recording.path])
        _ = try? await provider.getJob(id: "job-1")
        #expect(server.requests.map(\.path) == ["/probe"], "the plugin's request was not sent")
        #expect(!FileManager.default.fileExists(atPath: recording.path), "a child wrote the caller's HAR recording")
    }
}
