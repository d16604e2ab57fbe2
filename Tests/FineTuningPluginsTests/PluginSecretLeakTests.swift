import FineTuning
import FineTuningHTTP
import FineTuningPlugins
import Foundation
import Testing

/// A real C plugin, compiled in the test, that echoes the API key it was configured with in its error
/// document and in a log line: the host scrubs it from both, because the key came from the environment
/// it gave the plugin.
@Suite struct PluginSecretLeakTests {
    static let key = "plugin-key-7f3a9c1e5b"

    @Test func aPluginThatEchoesItsKeyGetsItScrubbedFromErrorsAndLogs() async throws {
        let lines = LogLines()
        let source = TestPluginSource(
            getStatus: "FINETUNE_ERROR",
            getResponse: #"{"code":"authentication","message":"Incorrect API key provided: \#(Self.key)","details":["key=\#(Self.key)"]}"#,
            getLogs: "calling the API with key \(Self.key)")
        let path = try source.build(named: "leaky", in: try temporaryPluginFolder())
        let provider = try PluginLoader(log: PluginLog { level, line in lines.append("\(level): \(line)") })
            .load(path: path).makeProvider(transport: RefusingTransport(), environment: ["LEAKY_API_KEY": Self.key])
        let error = try await #require(throws: FineTuningError.self) { try await provider.getJob(id: "job-1") }
        #expect(error.code == .authentication)
        #expect(error.message == "Incorrect API key provided: REDACTED")
        #expect(error.details == ["key=REDACTED"])
        #expect(lines.all == ["warning: broken: calling the API with key REDACTED"])
        #expect(!String(decoding: try WireFormat.document("error", error), as: UTF8.self).contains(Self.key))
    }
}
