import FineTuning
import FineTuningHTTP
import FineTuningTestSupport
import Foundation
import Testing
@testable import FineTuningVertex

/// A proxy in front of Vertex that echoes the bearer token it was sent: the access token reaches
/// neither the error, its `--json` document nor a HAR recording, for both Vertex providers.
@Suite struct VertexEchoedSecretTests {
    /// No recognisable shape (not `ya29.`), so only the known-secret mechanism can catch it.
    static let token = "opaque-vertex-token-5kq81x"

    @Test(arguments: ["vertex_ai", "model_garden"])
    func anEchoedAccessTokenIsScrubbedFromTheErrorAndTheRecording(provider: String) async throws {
        let server = try TestHTTPServer.echoingCredentials(shape: .google)
        defer { server.stop() }
        let har = FileManager.default.temporaryDirectory.appendingPathComponent("vertex-echo-\(UUID().uuidString).har")
        defer { try? FileManager.default.removeItem(at: har) }
        let environment = [
            "VERTEX_ACCESS_TOKEN": Self.token, "GOOGLE_CLOUD_PROJECT": "test-project", "GOOGLE_CLOUD_LOCATION": "us-central1",
            "VERTEX_AI_BASE_URL": server.baseURL.absoluteString,
        ]
        let registry = ProviderRegistry()
        for registration in VertexAdapter.registrations(environment: environment, transport: HARRecordingTransport(base: CurlTransport(), output: har)) {
            try registry.register(registration)
        }
        let id = JobID(provider: provider, native: "projects/test-project/locations/us-central1/tuningJobs/1")
        let error = try await #require(throws: FineTuningError.self) { try await FineTuningClient(registry: registry).job(id) }
        #expect(error.code == .authentication)
        let recording = try String(contentsOf: har, encoding: .utf8)
        let texts = [
            error.description, String(describing: error.redacted()),
            String(decoding: try WireFormat.document("error", error.redacted()), as: UTF8.self), recording,
        ]
        for text in texts { #expect(!text.contains(Self.token), "\(provider): \(text)") }
        #expect(error.redacted().message.contains("invalid authentication credentials"), "\(error)")
        #expect(recording.contains("invalid authentication credentials"))
    }
}
