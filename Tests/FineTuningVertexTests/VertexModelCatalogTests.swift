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
