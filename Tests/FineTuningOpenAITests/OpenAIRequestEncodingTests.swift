import FineTuning
import Testing
@testable import FineTuningOpenAI

@Suite struct OpenAIRequestEncodingTests {
    private func request(_ hyperparameters: Hyperparameters, method: TuningMethod = .supervised, options: [String: JSONValue] = [:]) throws -> ProviderJobRequest {
        ProviderJobRequest(
            baseModel: "gpt-4o-mini-2024-07-18", trainingData: .providerFile(id: "file-abc"), validationData: .providerFile(id: "file-val"),
            hyperparameters: try HyperparameterTable.openAI.translate(hyperparameters), method: method,
            options: options, clientToken: "tok")
    }

    private func encode(_ request: ProviderJobRequest, flavor: OpenAIFlavor = .openAI, sendsMethod: Bool = true) throws -> JSONValue {
        .object(try OpenAIRequestEncoding.createBody(request, flavor: flavor, sendsMethod: sendsMethod))
    }

    @Test func dpoTakesBetaAndHyperparametersUnderItsMethod() throws {
        let body = try encode(request(Hyperparameters(epochs: 2, batchSize: 8, beta: 0.1), method: .dpo))
        #expect(body["method"] == ["type": "dpo", "dpo": ["hyperparameters": ["n_epochs": 2, "batch_size": 8, "beta": 0.1]]])
        #expect(body["training_file"] == nil, "file fields are set after the upload")
        #expect(body["suffix"] == nil)
    }

    @Test func noHyperparametersSendsOnlyTheMethodType() throws {
        let body = try encode(request(Hyperparameters()))
        #expect(body["method"] == ["type": "supervised"])
        #expect(body["seed"] == nil)
    }

    @Test func optionsAreTopLevelFieldsThatMayNotOverrideTheRequest() throws {
        let integrations: JSONValue = [["type": "wandb", "wandb": ["project": "tuning"]]]
        #expect(try encode(request(Hyperparameters(), options: ["integrations": integrations]))["integrations"] == integrations)
        for field in ["model", "training_file"] {
            let error = try #require(throws: FineTuningError.self) { try encode(request(Hyperparameters(), options: [field: "other"])) }
            #expect(error.parameter == field)
        }
    }

    @Test func metadataHoldsAtMostSixteenPairsWithTheToken() throws {
        var labelled = try request(Hyperparameters())
        labelled.labels = Dictionary(uniqueKeysWithValues: (1...16).map { ("k\($0)", "v") })
        let error = try #require(throws: FineTuningError.self) { try encode(labelled) }
        #expect(error.parameter == "labels")
        labelled.labels.removeValue(forKey: "k1")
        #expect(try encode(labelled)["metadata"]?.objectValue?.count == 16)
    }
}
