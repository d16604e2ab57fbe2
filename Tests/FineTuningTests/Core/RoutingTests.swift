import FineTuning
import Testing

@Suite struct RoutingTests {
    func registry() throws -> ProviderRegistry {
        let registry = ProviderRegistry()
        try registry.register(ScriptedProvider(id: "openai"))
        try registry.register(ScriptedProvider(id: "model_garden"))
        return registry
    }

    @Test func modelStringsSplitAtTheFirstSlash() throws {
        #expect(try ModelReference(parsing: "model_garden/meta/llama3_1@llama-3.1-8b") == ModelReference(provider: "model_garden", model: "meta/llama3_1@llama-3.1-8b"))
        #expect(try ModelReference(parsing: "llamacpp//tmp/tiny.gguf").model == "/tmp/tiny.gguf")
    }

    @Test func missingPrefixAndEmptyPartsAreErrors() {
        for text in ["gpt-4o-mini", "/gpt-4o", "openai/"] {
            let error = #expect(throws: FineTuningError.self) { try ModelReference(parsing: text, knownProviders: ["openai"]) }
            #expect(error?.parameter == "model")
            #expect(error?.message.contains("openai") == true)
        }
    }

    @Test func unknownProviderListsTheRegisteredOnes() throws {
        let error = #expect(throws: FineTuningError.self) { try self.registry().resolve(model: "bedrock/claude-3-haiku") }
        #expect(error?.message.contains("model_garden, openai") == true)
    }

    @Test func modelStringsAndJobIDsRouteToTheirProvider() throws {
        let registry = try registry()
        #expect(try registry.resolve(model: "model_garden/google/gemma-3-27b-it").provider.descriptor.id == "model_garden")
        let id = try registry.jobID(parsing: "openai:ftjob-abc")
        #expect(try registry.provider(for: id).descriptor.id == "openai")
        #expect(id.native == "ftjob-abc")
        let error = #expect(throws: FineTuningError.self) { try registry.jobID(parsing: "ftjob-abc") }
        #expect(error?.message.contains("PROVIDER:ID") == true)
    }

    @Test func jobIDsKeepEverythingAfterTheFirstColon() throws {
        let id = try #require(JobID("vertex_ai:projects/1/locations/us-central1/tuningJobs/2"))
        #expect(id.provider == "vertex_ai")
        #expect(id.native == "projects/1/locations/us-central1/tuningJobs/2")
        #expect(JobID("no-colon") == nil)
    }

    @Test func aClashingProviderIDIsRefused() throws {
        let registry = try registry()
        let error = #expect(throws: FineTuningError.self) {
            try registry.register(ScriptedProvider(id: "openai"), origin: .plugin(path: "/p/libx.so", version: "1.0"))
        }
        #expect(error?.message.contains("/p/libx.so") == true)
    }
}
