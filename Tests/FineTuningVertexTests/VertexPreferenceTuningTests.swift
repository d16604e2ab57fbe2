import FineTuning
import FineTuningHTTP
import Foundation
import Testing
@testable import FineTuningVertex

/// `--method dpo` on `vertex_ai` through the client: the local Gemini preference file is validated
/// with Vertex's preference rules, staged to Cloud Storage and the job created with
/// `preferenceOptimizationSpec`, replayed strictly from the `create_dpo` fixture.
@Suite struct VertexPreferenceTuningTests {
    static let fixtures = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Conformance/Fixtures/vertex_ai")

    private func client() throws -> FineTuningClient {
        let environment = try JSONValue(parsing: Data(contentsOf: Self.fixtures.appendingPathComponent("target.json")))["environment"]?
            .objectValue?.compactMapValues(\.stringValue) ?? [:]
        let replay = try HARReplayTransport(contentsOf: Self.fixtures.appendingPathComponent("create_dpo.har"))
        let registry = ProviderRegistry()
        for registration in VertexAdapter.registrations(environment: environment, transport: replay) { try registry.register(registration) }
        return FineTuningClient(registry: registry)
    }

    @Test func aLocalPreferenceFileBecomesAPreferenceJob() async throws {
        let created = try await client().createJob(CreateJobRequest(
            model: "vertex_ai/gemini-2.5-flash", trainingData: .localFile(path: Self.fixtures.appendingPathComponent("preference.jsonl").path),
            hyperparameters: Hyperparameters(epochs: 2, beta: 0.1), method: .dpo, clientToken: "conformance-token"))
        #expect(created.job.id.native == "projects/PROJECT/locations/us-central1/tuningJobs/2735109284619812864")
        #expect(created.job.status == .queued)
        #expect(created.job.hyperparameters.beta == 0.1)
        #expect(created.job.trainingData?.hasSuffix("training-preference.jsonl") == true)
        #expect(created.datasetReports.map(\.format) == [.geminiPreference])
    }

    @Test func openAIPreferenceDataIsRefusedBeforeAnyRequestNamingTheFormatNeeded() async throws {
        let openAIPairs = Self.fixtures.deletingLastPathComponent().appendingPathComponent("openai/preference.jsonl").path
        let error = await #expect(throws: FineTuningError.self) {
            try await client().createJob(CreateJobRequest(
                model: "vertex_ai/gemini-2.5-flash", trainingData: .localFile(path: openAIPairs), method: .dpo, clientToken: "conformance-token"))
        }
        #expect(error?.message.contains("openai_preference format but provider 'vertex_ai' takes gemini_preference") == true, "\(String(describing: error))")
    }
}
