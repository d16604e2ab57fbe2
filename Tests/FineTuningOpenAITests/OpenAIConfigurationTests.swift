import FineTuning
import FineTuningHTTP
import Foundation
import Testing
@testable import FineTuningOpenAI

@Suite struct OpenAIConfigurationTests {
    private func configurationError(_ flavor: OpenAIFlavor, _ environment: [String: String]) throws -> FineTuningError {
        try #require(throws: FineTuningError.self) { try OpenAIConfiguration(flavor: flavor, environment: environment) }
    }

    @Test func missingVariablesAreNamed() throws {
        #expect(try configurationError(.openAI, [:]).parameter == "OPENAI_API_KEY")
        #expect(try configurationError(.azure, [:]).parameter == "AZURE_OPENAI_ENDPOINT")
        #expect(try configurationError(.azure, ["AZURE_OPENAI_ENDPOINT": "https://r.openai.azure.com"]).parameter == "AZURE_OPENAI_API_KEY")
        #expect(try configurationError(.compatible, ["OPENAI_COMPATIBLE_API_KEY": "k"]).parameter == "OPENAI_COMPATIBLE_BASE_URL")
        let v1 = try configurationError(.azure, [
            "AZURE_OPENAI_ENDPOINT": "https://r.openai.azure.com/", "AZURE_OPENAI_API_KEY": "k", "AZURE_OPENAI_API_VERSION": "v1",
        ])
        #expect(v1.parameter == "AZURE_OPENAI_API_VERSION")
        #expect(v1.message.contains("openai_compatible with OPENAI_COMPATIBLE_BASE_URL=https://r.openai.azure.com/openai/v1 "))
        let bad = try configurationError(.openAI, ["OPENAI_API_KEY": "sk", "OPENAI_BASE_URL": "localhost:8000"])
        #expect(bad.code == .configuration)
        #expect(bad.parameter == "OPENAI_BASE_URL")
    }

    @Test func openAIHeaders() throws {
        let configuration = try OpenAIConfiguration(flavor: .openAI, environment: [
            "OPENAI_API_KEY": "sk-test", "OPENAI_ORG_ID": "org-1", "OPENAI_PROJECT": "proj_1",
        ])
        #expect(configuration.baseURL.absoluteString == "https://api.openai.com/v1")
        #expect(configuration.headers["Authorization"] == "Bearer sk-test")
        #expect(configuration.headers["OpenAI-Organization"] == "org-1")
        #expect(configuration.headers["OpenAI-Project"] == "proj_1")
        #expect(configuration.commonQuery.isEmpty)
    }

    @Test func azureKeyTokenAndVersion() throws {
        let keyed = try OpenAIConfiguration(flavor: .azure, environment: [
            "AZURE_OPENAI_ENDPOINT": "https://res.openai.azure.com/", "AZURE_OPENAI_API_KEY": "key",
        ])
        #expect(keyed.baseURL.absoluteString == "https://res.openai.azure.com/openai")
        #expect(keyed.headers["api-key"] == "key")
        #expect(keyed.headers["Authorization"] == nil)
        #expect(keyed.commonQuery == [URLQueryItem(name: "api-version", value: "2024-10-21")])
        #expect(keyed.sendsMethod == false)

        let entra = try OpenAIConfiguration(flavor: .azure, environment: [
            "AZURE_OPENAI_ENDPOINT": "https://res.openai.azure.com", "AZURE_OPENAI_AD_TOKEN": "eyJ", "AZURE_OPENAI_API_VERSION": "2025-02-01-preview",
        ])
        #expect(entra.headers["Authorization"] == "Bearer eyJ")
        #expect(entra.sendsMethod)
    }

    @Test func compatibleKeyIsOptional() throws {
        let configuration = try OpenAIConfiguration(flavor: .compatible, environment: ["OPENAI_COMPATIBLE_BASE_URL": "http://127.0.0.1:8080/v1"])
        #expect(configuration.headers["Authorization"] == nil)
        #expect(configuration.baseURL.absoluteString == "http://127.0.0.1:8080/v1")
    }

    @Test func registrationsNeedNoCredentials() throws {
        let registrations = OpenAIAdapter.registrations(environment: [:], transport: ScriptedTransport([]))
        #expect(registrations.map(\.descriptor.id) == ["openai", "azure", "openai_compatible"])
        #expect(registrations[1].descriptor.capabilities.contains(.pauseResume) == false)
        #expect(registrations.map(\.descriptor.hyperparameters) == [HyperparameterTable.openAI, .azure, .openAICompatible])
        #expect(registrations.allSatisfy { $0.descriptor.dataset == .openAIChat })
        let error = try #require(throws: FineTuningError.self) { try registrations[0].make() }
        #expect(error.code == .configuration)
    }
}
