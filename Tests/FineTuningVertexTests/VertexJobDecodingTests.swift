import FineTuning
import Foundation
import Testing
@testable import FineTuningVertex

@Suite struct VertexJobDecodingTests {
    /// The real TuningJob capture from the provider reference (project number scrubbed).
    static let failedCapture = """
    {"name":"projects/PROJECT/locations/us-central1/tuningJobs/6284765961371254784",
     "tunedModelDisplayName":"gemini-1.5-pro-002-bf6ead6f","baseModel":"gemini-1.5-pro-002",
     "supervisedTuningSpec":{"trainingDatasetUri":"gs://cloud-samples-data/ai-platform/generative_ai/gemini-1_5/text/sft_train_data.jsonl",
       "hyperParameters":{"epochCount":"10","learningRateMultiplier":1,"adapterSize":"ADAPTER_SIZE_FOUR"}},
     "state":"JOB_STATE_FAILED","createTime":"2024-11-03T21:08:07.734198Z","startTime":"2024-11-03T21:08:30.888568Z",
     "endTime":"2024-11-03T21:40:37.139132Z","updateTime":"2024-11-03T21:40:37.139132Z",
     "error":{"code":13,"message":"Failed to create endpoint. Tuned model is uploaded and can be accessed through Model Registry."},
     "tunedModel":{"model":"projects/PROJECT/locations/us-central1/models/1402067540926005248@1"},
     "tuningDataStats":{"supervisedTuningDataStats":{"tuningDatasetExampleCount":"500","tuningStepCount":"125",
       "userInputTokenDistribution":{"sum":"233592","min":25,"max":2932,"mean":467.184},"totalBillableTokenCount":"255243"}}}
    """

    @Test func decodesInt64AsStringsAndKeepsTheRawJob() throws {
        let json = try JSONValue(parsing: Self.failedCapture)
        let job = try VertexJobDecoding.job(json, provider: "vertex_ai")
        #expect(job.id == JobID(provider: "vertex_ai", native: "projects/PROJECT/locations/us-central1/tuningJobs/6284765961371254784"))
        #expect(job.status == .failed)
        #expect(job.providerStatus == "JOB_STATE_FAILED")
        #expect(job.baseModel == "gemini-1.5-pro-002")
        #expect(job.hyperparameters.epochs == 10)
        #expect(job.hyperparameters.learningRateMultiplier == 1)
        #expect(job.hyperparameters.adapterSize?.rank == 4)
        #expect(job.progress == JobProgress(totalSteps: 125, totalEpochs: 10))
        #expect(job.error == JobError(code: "INTERNAL", message: "Failed to create endpoint. Tuned model is uploaded and can be accessed through Model Registry."))
        #expect(job.tunedModel == TunedModel(name: "projects/PROJECT/locations/us-central1/models/1402067540926005248@1"))
        #expect(job.trainingData == "gs://cloud-samples-data/ai-platform/generative_ai/gemini-1_5/text/sft_train_data.jsonl")
        #expect(job.createdAt == WireFormat.date("2024-11-03T21:08:07.734198Z"))
        #expect(job.finishedAt == WireFormat.date("2024-11-03T21:40:37.139132Z"))
        #expect(job.raw?["tuningDataStats"]?["supervisedTuningDataStats"]?["tuningDatasetExampleCount"] == "500")
    }

    @Test func omittedFieldsStayNil() throws {
        let job = try VertexJobDecoding.job(["name": "projects/P/locations/global/tuningJobs/1", "state": "JOB_STATE_PENDING"], provider: "vertex_ai")
        #expect(job.status == .queued)
        #expect(job.tunedModel == nil && job.error == nil && job.progress == nil && job.createdAt == nil && job.labels.isEmpty)
        #expect(job.hyperparameters == Hyperparameters())
    }

    @Test func openModelJobReadsProgressTuningModeAndAdapter() throws {
        let json = try JSONValue(parsing: """
        {"name":"projects/PROJECT/locations/us-central1/tuningJobs/9","baseModel":"meta/llama3_1@llama-3.1-8b-instruct",
         "supervisedTuningSpec":{"trainingDatasetUri":"gs://b/t.jsonl","hyperParameters":{"epochCount":"3","learningRate":0.0002,"batchSize":"8"},
           "tuningMode":"TUNING_MODE_PEFT_ADAPTER"},
         "state":"JOB_STATE_SUCCEEDED","outputUri":"gs://b/out/","tuningJobMetadata":{"completedEpochCount":"3","completedStepCount":"75"},
         "tunedModel":{"model":"projects/PROJECT/locations/us-central1/models/5@1","checkpoints":[{"checkpointId":"1","epoch":"1","step":"25"},{"checkpointId":"2","epoch":"2","step":"50","endpoint":"projects/PROJECT/locations/us-central1/endpoints/7"}]}}
        """)
        let job = try VertexJobDecoding.job(json, provider: "model_garden")
        #expect(job.hyperparameters.learningRate == 0.0002)
        #expect(job.hyperparameters.batchSize == 8)
        #expect(job.hyperparameters.providerSpecific["tuningMode"] == "TUNING_MODE_PEFT_ADAPTER")
        #expect(job.progress == JobProgress(completedSteps: 75, completedEpochs: 3, totalEpochs: 3))
        #expect(job.tunedModel?.adapter == "gs://b/out/postprocess/node-0/checkpoints/final")
        #expect(VertexJobDecoding.checkpoints(of: job) == [
            Checkpoint(id: "1", step: 25, epoch: 1),
            Checkpoint(id: "2", step: 50, epoch: 2, model: "projects/PROJECT/locations/us-central1/endpoints/7"),
        ])
    }

    @Test func anEmptyListArrivesAsAnEmptyObject() throws {
        let page = try VertexJobDecoding.page(.object([:]), provider: "vertex_ai")
        #expect(page.items.isEmpty)
        #expect(page.nextCursor == nil)
    }

    @Test func aBodyThatIsNoJobIsATransportError() {
        #expect(throws: FineTuningError.self) { try VertexJobDecoding.job(["tuningJobs": []], provider: "vertex_ai") }
    }
}
