import FineTuning
import Testing
@testable import FineTuningVertex

@Suite struct VertexModelCatalogTests {
    @Test(arguments: [
        ("vertex_ai", "claude-3-haiku@20240307", "--model bedrock/anthropic.claude-3-haiku-20240307-v1:0:200k"),
        ("model_garden", "publishers/anthropic/models/claude-3-5-sonnet", "--model bedrock/anthropic.claude-3-haiku-20240307-v1:0:200k"),
        ("model_garden", "mistralai/mistral-small-2503", "Mistral's own fine-tuning API"),
        ("vertex_ai", "codestral-2501", "Mistral's own fine-tuning API"),
        ("vertex_ai", "meta/llama3_1@llama-3.1-8b", "model_garden/meta/llama3_1@llama-3.1-8b"),
        ("model_garden", "gemini-2.5-flash", "vertex_ai/gemini-2.5-flash"),
    ])
    func untunableModelsFailBeforeAnyRequest(provider: String, model: String, hint: String) async throws {
        let transport = ScriptedTransport()
        let flavor: VertexFlavor = provider == "vertex_ai" ? .gemini : .modelGarden
        let vertex = try VertexTestSupport.provider(flavor, transport: transport, environment: ["VERTEX_AI_STAGING_BUCKET": "b"])
        await #expect { try await vertex.createJob(VertexTestSupport.request(model: model, flavor: flavor)) } throws: { error in
            let error = error as? FineTuningError
            return error?.code == .unsupported && error?.parameter == "model" && error?.message.contains(hint) == true
        }
        #expect(transport.sent.isEmpty)
    }

    /// Through the client the refusal needs no Google Cloud set-up and comes before the data is read:
    /// a Claude user without a project learns at once, dry run included, that Bedrock tunes Claude.
    @Test(arguments: [("vertex_ai/claude-3-haiku@20240307", true), ("model_garden/anthropic/claude-3-haiku", true), ("vertex_ai/claude-3-5-sonnet", false)])
    func aModelTunedElsewhereIsRefusedWithoutCredentialsOrData(model: String, dryRun: Bool) async throws {
        let registry = ProviderRegistry()
        for registration in VertexAdapter.registrations(environment: [:], transport: ScriptedTransport()) { try registry.register(registration) }
        let request = CreateJobRequest(model: model, trainingData: .localFile(path: "/nonexistent/train.jsonl"))
        let client = FineTuningClient(registry: registry)
        let error = try await #require(throws: FineTuningError.self) {
            if dryRun { _ = try await client.previewJob(request) } else { _ = try await client.createJob(request) }
        }
        #expect(error.code == .unsupported && error.parameter == "model", "\(error)")
        #expect(error.message.contains("--model bedrock/anthropic.claude-3-haiku-20240307-v1:0:200k"), "\(error.message)")
    }

    @Test(arguments: ["gemini-2.5-pro", "gemini-2.5-flash", "gemini-2.5-flash-lite", "gemini-2.0-flash", "gemini-2.0-flash-001",
                      "projects/PROJECT/locations/us-central1/models/123"])
    func geminiModelsAndTunedModelsPass(model: String) throws {
        try VertexModelCatalog.check(model, family: .gemini, provider: "vertex_ai")
    }

    @Test func everyListedOpenModelPasses() throws {
        for model in VertexModelCatalog.openModels {
            try VertexModelCatalog.check(model, family: .openModels, provider: "model_garden")
        }
        #expect(!VertexModelCatalog.openModels.contains { $0.contains("mistral") })
    }
}
