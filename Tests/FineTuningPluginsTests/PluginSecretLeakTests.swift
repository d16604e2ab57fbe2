import FineTuning
import FineTuningHTTP
import FineTuningPlugins
import FineTuningTestSupport
import Foundation
import Testing
import Logging

/// A real C plugin, compiled in the test, that echoes the API key it was configured with in its error
/// document and in a log line: the host scrubs it from both, because the key came from the environment
/// it gave the plugin.
@Suite struct PluginSecretLeakTests {
    static let key = "plugin-key-7f3a9c1e5b"

    @Test func aPluginThatEchoesItsKeyGetsItScrubbedFromErrorsAndLogs() async throws {
        let log = CapturedLog()
        let source = TestPluginSource(
            getStatus: "FINETUNE_ERROR",
            getResponse: #"{"code":"authentication","message":"Incorrect API key provided: \#(Self.key)","details":["key=\#(Self.key)"]}"#,
            getLogs: "calling the API with key \(Self.key)")
        let path = try source.build(named: "leaky", in: try temporaryPluginFolder())
        let provider = try PluginLoader(logger: log.logger())
            .load(path: path).makeProvider(transport: RefusingTransport(), environment: ["LEAKY_API_KEY": Self.key])
        let error = try await #require(throws: FineTuningError.self) { try await provider.getJob(id: "job-1") }
        #expect(error.code == .authentication)
        #expect(error.message == "Incorrect API key provided: REDACTED")
        #expect(error.details == ["key=REDACTED"])
        #expect(log.records == [CapturedLog.Record(level: .warning, message: "calling the API with key REDACTED", metadata: ["plugin": "broken"])])
        #expect(!String(decoding: try WireFormat.document("error", error), as: UTF8.self).contains(Self.key))
    }
}
