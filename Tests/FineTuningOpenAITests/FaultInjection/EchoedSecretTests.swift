import FineTuning
import FineTuningHTTP
import FineTuningTestSupport
import Foundation
import Testing
@testable import FineTuningOpenAI

/// Servers and gateways echo the credential they were sent ("Incorrect API key provided: ..."). Whatever
/// its shape, the key never reaches an error, its `--json` document, a HAR recording or stderr.
@Suite struct EchoedSecretTests {
    /// Keys of no recognisable shape, one per OpenAI-style provider.
    static let cases: [(provider: String, key: String, environment: @Sendable (URL, String) -> [String: String])] = [
        ("openai", "opaque-openai-key-93kd02", { ["OPENAI_API_KEY": $1, "OPENAI_BASE_URL": $0.appendingPathComponent("v1").absoluteString] }),
        ("openai_compatible", "opaque-compatible-key-7x1", { ["OPENAI_COMPATIBLE_API_KEY": $1, "OPENAI_COMPATIBLE_BASE_URL": $0.appendingPathComponent("v1").absoluteString] }),
        ("azure", "9f8e7d6c5b4a39281706f5e4d3c2b1a0", { ["AZURE_OPENAI_API_KEY": $1, "AZURE_OPENAI_ENDPOINT": $0.absoluteString] }),
    ]

    @Test(arguments: 0..<3)
    func anEchoedKeyIsScrubbedFromTheErrorAndTheRecording(index: Int) async throws {
        let (provider, key, environment) = Self.cases[index]
        let server = try TestHTTPServer.echoingCredentials()
        defer { server.stop() }
        let har = FileManager.default.temporaryDirectory.appendingPathComponent("echo-\(UUID().uuidString).har")
        defer { try? FileManager.default.removeItem(at: har) }
        let transport = HARRecordingTransport(base: CurlTransport(), output: har)
        let registry = ProviderRegistry()
        for registration in OpenAIAdapter.registrations(environment: environment(server.baseURL, key), transport: transport) {
            try registry.register(registration)
        }
        let error = try await #require(throws: FineTuningError.self) {
            try await FineTuningClient(registry: registry).job(JobID(provider: provider, native: "ftjob-1"))
        }
        #expect(error.code == .authentication)
        let texts = [
            error.description, String(describing: error.redacted()),
            String(decoding: try WireFormat.document("error", error.redacted()), as: UTF8.self),
            try String(contentsOf: har, encoding: .utf8),
        ]
        for text in texts { #expect(!text.contains(key), "\(provider): \(text)") }
        #expect(error.redacted().message.contains("Incorrect API key provided"))
        #expect(try String(contentsOf: har, encoding: .utf8).contains("Incorrect API key provided"))
    }

    @Test func aBaseURLWithCredentialsIsNotPrintedWhole() throws {
        let environment = ["OPENAI_API_KEY": "sk-abc", "OPENAI_BASE_URL": "ftp://user-name-x:pass-word-y@proxy.example/v1"]
        KnownSecrets.shared.register(environment: environment)
        let error = try #require(throws: FineTuningError.self) { try OpenAIConfiguration(flavor: .openAI, environment: environment) }
        #expect(error.message.contains("must be an http(s) URL"))
        #expect(!error.description.contains("pass-word-y") && !error.description.contains("user-name-x"), "\(error)")
    }
}
