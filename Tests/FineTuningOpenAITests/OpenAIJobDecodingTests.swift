import FineTuning
import Foundation
import Testing
@testable import FineTuningOpenAI

@Suite struct OpenAIJobDecodingTests {
    private func decode(_ text: String, provider: String = "openai") throws -> FineTuningJob {
        try OpenAIJobDecoding.job(JSONValue(parsing: text), provider: provider)
    }

    @Test func openAPIExampleJob() throws {
        let job = try decode(OpenAIFixtures.queuedDPOJob)
        #expect(job.id == JobID(provider: "openai", native: "ftjob-abc"))
        #expect(job.baseModel == "gpt-4o-mini")
        #expect(job.status == .queued)
        #expect(job.error == nil, "an error object of nulls is no error")
        #expect(job.tunedModel == nil)
        #expect(job.createdAt == Date(timeIntervalSince1970: 1_746_130_590))
        #expect(job.finishedAt == nil)
        #expect(job.trainingData == "file-abc")
        #expect(job.validationData == "file-123")
        #expect(job.labels.isEmpty)
        // "auto" is left to the provider; DPO's beta is a normalized hyperparameter; seed is top-level.
        #expect(job.hyperparameters.epochs == nil)
        #expect(job.hyperparameters.batchSize == nil)
        #expect(job.hyperparameters.learningRateMultiplier == nil)
        #expect(job.hyperparameters.beta == 0.1)
        #expect(job.hyperparameters.providerSpecific == [:])
        #expect(job.hyperparameters.seed == 1_036_326_793)
        #expect(job.raw?["shared_with_openai"] == false)
    }

    @Test(arguments: ["{}", "null", "{\"code\":null,\"message\":null,\"param\":null}", "{\"code\":\"\",\"message\":\"\",\"param\":null}"])
    func emptyErrorsAreNoError(error: String) throws {
        #expect(try decode(OpenAIFixtures.job(status: "running", error: error)).error == nil)
    }

    @Test func failedJobKeepsTheProviderError() throws {
        let job = try decode(OpenAIFixtures.job(
            status: "failed",
            error: "{\"code\":\"invalid_training_file\",\"message\":\"The job failed due to an invalid training file.\",\"param\":\"training_file\"}"))
        #expect(job.status == .failed)
        #expect(job.error == JobError(code: "invalid_training_file", message: "The job failed due to an invalid training file.", parameter: "training_file"))
    }

    @Test func succeededJobNamesTheTunedModel() throws {
        var text = OpenAIFixtures.job(status: "succeeded", fineTunedModel: "\"ft:gpt-4o-mini-2024-07-18:org-abc:custom:9xYz\"")
        text = text.replacingOccurrences(of: "\"trained_tokens\":null", with: "\"trained_tokens\":5768")
        let job = try decode(text)
        #expect(job.tunedModel?.name == "ft:gpt-4o-mini-2024-07-18:org-abc:custom:9xYz")
        #expect(job.trainedTokens == 5768)
        #expect(job.hyperparameters.epochs == 3)
        #expect(job.hyperparameters.batchSize == 1)
        #expect(job.hyperparameters.learningRateMultiplier == 1.8)
        #expect(job.hyperparameters.seed == 42)
        #expect(job.labels == ["finetune-client-token": "tok-1"])
    }

    @Test func azureClassicJob() throws {
        let job = try decode(OpenAIFixtures.azureCreated, provider: "azure")
        #expect(job.id.description == "azure:ftjob-72a2792ef7d24ba7b82c7fe4a37e379f")
        #expect(job.status == .queued)
        #expect(job.providerStatus == "pending")
        #expect(job.hyperparameters.epochs == nil, "Azure's n_epochs -1 means the service chooses")
    }

    @Test func deprecatedTopLevelHyperparametersAreRead() throws {
        let job = try decode("{\"id\":\"ftjob-1\",\"status\":\"running\",\"model\":\"m\",\"hyperparameters\":{\"n_epochs\":4,\"batch_size\":\"auto\"}}")
        #expect(job.hyperparameters.epochs == 4)
        #expect(job.hyperparameters.batchSize == nil)
    }

    @Test func somethingThatIsNotAJobIsATransportError() throws {
        let error = try #require(throws: FineTuningError.self) { try decode("{\"object\":\"list\",\"data\":[]}") }
        #expect(error.code == .transport)
    }
}
