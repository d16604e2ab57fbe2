import FineTuning
import Testing
@testable import FineTuningVertex

@Suite struct VertexRequestEncodingTests {
    private func body(_ request: ProviderJobRequest, _ flavor: VertexFlavor = .gemini, output: String? = nil) throws -> JSONValue {
        try VertexRequestEncoding.body(request, flavor: flavor, trainingURI: "gs://b/train.jsonl", validationURI: "gs://b/val.jsonl", outputURI: output)
    }

    @Test func geminiPlacesHyperparametersAndLabels() throws {
        var request = try VertexTestSupport.request(
            model: "gemini-2.5-flash", hyperparameters: Hyperparameters(epochs: 2, learningRateMultiplier: 0.5, adapterSize: .rank(8)),
            labels: ["team": "search"])
        request.suffix = "my model"
        let expected: JSONValue = [
            "baseModel": "gemini-2.5-flash", "tunedModelDisplayName": "my model",
            "supervisedTuningSpec": [
                "trainingDatasetUri": "gs://b/train.jsonl", "validationDatasetUri": "gs://b/val.jsonl",
                "hyperParameters": ["epochCount": 2, "learningRateMultiplier": 0.5, "adapterSize": "ADAPTER_SIZE_EIGHT"],
            ],
            "labels": ["team": "search", "finetune-client-token": "token_abc-123"],
        ]
        #expect(try body(request) == expected)
    }

    @Test func preferenceTuningPlacesBetaInThePreferenceOptimizationSpec() throws {
        var request = try VertexTestSupport.request(
            model: "gemini-2.5-flash", hyperparameters: Hyperparameters(epochs: 2, learningRateMultiplier: 0.5, adapterSize: .rank(4), beta: 0.1))
        request.method = .dpo
        try VertexRequestEncoding.check(request, flavor: .gemini)
        let json = try body(request)
        #expect(json["supervisedTuningSpec"] == nil)
        #expect(json["preferenceOptimizationSpec"] == [
            "trainingDatasetUri": "gs://b/train.jsonl", "validationDatasetUri": "gs://b/val.jsonl",
            "hyperParameters": ["epochCount": 2, "learningRateMultiplier": 0.5, "adapterSize": "ADAPTER_SIZE_FOUR", "beta": 0.1],
        ])
    }

    @Test func openModelsRefusePreferenceTuning() throws {
        var request = try VertexTestSupport.request(model: "meta/llama3_1@llama-3.1-8b", flavor: .modelGarden)
        request.method = .dpo
        let error = try #require(throws: FineTuningError.self) { try VertexRequestEncoding.check(request, flavor: .modelGarden) }
        #expect(error.message.contains("'model_garden' runs supervised tuning only"))
    }

    @Test func aPreferenceJobIsReadBackWithItsBeta() throws {
        let json: JSONValue = [
            "name": "projects/PROJECT/locations/us-central1/tuningJobs/1", "baseModel": "gemini-2.5-flash", "state": "JOB_STATE_RUNNING",
            "preferenceOptimizationSpec": ["trainingDatasetUri": "gs://b/p.jsonl", "hyperParameters": ["epochCount": "2", "beta": 0.1]],
            "tuningDataStats": ["preferenceOptimizationDataStats": ["tuningDatasetExampleCount": "5", "tuningStepCount": "10"]],
        ]
        let job = try VertexJobDecoding.job(json, provider: "vertex_ai")
        #expect(job.hyperparameters.beta == 0.1)
        #expect(job.hyperparameters.epochs == 2)
        #expect(job.trainingData == "gs://b/p.jsonl")
        #expect(job.progress?.totalSteps == 10)
    }

    @Test func aTunedModelIsContinuedWithPreTunedModel() throws {
        let request = try VertexTestSupport.request(
            model: "projects/PROJECT/locations/us-central1/models/1402067540926005248", options: ["checkpoint_id": "2"])
        let json = try body(request)
        #expect(json["baseModel"] == nil)
        #expect(json["preTunedModel"] == ["tunedModelName": "projects/PROJECT/locations/us-central1/models/1402067540926005248", "checkpointId": "2"])
    }

    @Test func openModelsTakeTuningModeOutputAndAbsoluteLearningRate() throws {
        let request = try VertexTestSupport.request(
            model: "meta/llama3_1@llama-3.1-8b", hyperparameters: Hyperparameters(epochs: 3, learningRate: 2e-4, batchSize: 8),
            flavor: .modelGarden, options: ["tuning_mode": "full"])
        let json = try body(request, .modelGarden, output: "gs://b/out")
        #expect(json["outputUri"] == "gs://b/out")
        #expect(json["supervisedTuningSpec"]?["tuningMode"] == "TUNING_MODE_FULL")
        #expect(json["supervisedTuningSpec"]?["hyperParameters"] == ["epochCount": 3, "learningRate": 0.0002, "batchSize": 8])
    }

    @Test func anAdapterSizeImpliesPEFTAndContradictsFullTuning() throws {
        let peft = try VertexTestSupport.request(model: "google/gemma-3-27b-it", hyperparameters: Hyperparameters(adapterSize: .rank(32)), flavor: .modelGarden)
        #expect(try body(peft, .modelGarden, output: "gs://b/o")["supervisedTuningSpec"]?["tuningMode"] == "TUNING_MODE_PEFT_ADAPTER")
        let full = try VertexTestSupport.request(
            model: "google/gemma-3-27b-it", hyperparameters: Hyperparameters(adapterSize: .rank(32)), flavor: .modelGarden, options: ["tuning_mode": "full"])
        #expect { try body(full, .modelGarden, output: "gs://b/o") } throws: { ($0 as? FineTuningError)?.parameter == "adapter_size" }
        let wrong = try VertexTestSupport.request(model: "google/gemma-3-27b-it", flavor: .modelGarden, options: ["tuning_mode": "lora"])
        #expect { try body(wrong, .modelGarden, output: "gs://b/o") } throws: { ($0 as? FineTuningError)?.parameter == "tuning_mode" }
    }

    @Test func passThroughParametersGoWhereTheFlavorPlacesThem() throws {
        let request = try VertexTestSupport.request(
            model: "meta/llama3_1@llama-3.1-8b", hyperparameters: Hyperparameters(providerSpecific: ["customBaseModel": "gs://b/weights", "exportLastCheckpointOnly": true]),
            flavor: .modelGarden)
        let json = try body(request, .modelGarden, output: "gs://b/o")
        #expect(json["customBaseModel"] == "gs://b/weights")
        #expect(json["supervisedTuningSpec"]?["exportLastCheckpointOnly"] == true)
    }

    @Test func unknownOptionsBadLabelsAndOtherMethodsFailNamingThem() throws {
        func check(_ request: ProviderJobRequest) throws { try VertexRequestEncoding.check(request, flavor: .gemini) }
        let option = try VertexTestSupport.request(model: "gemini-2.5-flash", options: ["tuning_mode": "full"])
        #expect { try check(option) } throws: { ($0 as? FineTuningError)?.parameter == "tuning_mode" }
        let label = try VertexTestSupport.request(model: "gemini-2.5-flash", labels: ["Team": "x"])
        #expect { try check(label) } throws: { ($0 as? FineTuningError)?.parameter == "labels.Team" }
        let value = try VertexTestSupport.request(model: "gemini-2.5-flash", labels: ["team": String(repeating: "a", count: 65)])
        #expect { try check(value) } throws: { ($0 as? FineTuningError)?.parameter == "labels.team" }
        // Vertex's rule: up to 64 code points, international lowercase letters allowed.
        try check(try VertexTestSupport.request(model: "gemini-2.5-flash", labels: ["équipe": "recherche-ü", "チーム": String(repeating: "é", count: 64)]))
        let upper = try VertexTestSupport.request(model: "gemini-2.5-flash", labels: ["team": "Équipe"])
        #expect { try check(upper) } throws: { ($0 as? FineTuningError)?.parameter == "labels.team" }
        var named = try VertexTestSupport.request(model: "gemini-2.5-flash")
        named.suffix = String(repeating: "n", count: 128)
        try check(named)
        named.suffix = String(repeating: "n", count: 129)
        #expect { try check(named) } throws: { ($0 as? FineTuningError)?.parameter == "suffix" }
        var dpo = try VertexTestSupport.request(model: "gemini-2.5-flash")
        dpo.method = .dpo
        try check(dpo)  // Gemini has preference tuning; open models refuse it (openModelsRefusePreferenceTuning)
        try check(try VertexTestSupport.request(model: "gemini-2.5-flash", options: ["checkpoint_id": "1", "project": "p"], labels: ["team": "a-1"]))
    }

    @Test func clientTokensBecomeValidLabelValues() {
        #expect(VertexRequestEncoding.labelValue("Token_ABC.123") == "token_abc-123")
        #expect(VertexRequestEncoding.labelValue(String(repeating: "x", count: 80)).count == 63)
        #expect(VertexRequestEncoding.labelValue("3F2504E0-4F89-11D3-9A0C-0305E82C3301") == "3f2504e0-4f89-11d3-9a0c-0305e82c3301")
    }
}
