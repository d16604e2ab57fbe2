import FineTuning
import Foundation
import Testing

@Suite struct WireFormatTests {
    static let job = FineTuningJob(
        id: JobID(provider: "openai", native: "ftjob-1"), baseModel: "gpt-4o-mini", status: .unknown("paused_for_review"),
        providerStatus: "paused_for_review", tunedModel: TunedModel(name: "ft:gpt-4o-mini:org::abc"),
        createdAt: Date(timeIntervalSince1970: 1_746_130_590), hyperparameters: Hyperparameters(epochs: 3, adapterSize: .medium),
        trainingData: "file-abc", error: JobError(code: "invalid_n_epochs", message: "bad", parameter: "n_epochs"),
        progress: JobProgress(completedSteps: 5, totalSteps: 10), trainedTokens: 1234, labels: ["team": "a"],
        raw: ["status": "paused_for_review", "id": "ftjob-1"])

    @Test func jobRoundTripsKeepingAnUnknownStatus() throws {
        let data = try WireFormat.document("job", Self.job)
        let decoded = try WireFormat.value(FineTuningJob.self, at: "job", in: data)
        #expect(decoded == Self.job)
        #expect(decoded.status == .unknown("paused_for_review"))
    }

    @Test func keysAreSnakeCaseAndVersioned() throws {
        let text = String(decoding: try WireFormat.document("job", Self.job), as: UTF8.self)
        for key in ["\"format_version\":1", "\"base_model\"", "\"provider_status\"", "\"tuned_model\"", "\"trained_tokens\"", "\"completed_steps\"", "\"created_at\":\"2025-05-01T20:16:30.000Z\""] {
            #expect(text.contains(key), "\(key) missing in \(text)")
        }
    }

    @Test func aNewerFormatVersionIsRefused() {
        let data = Data(#"{"format_version": 99, "job": {}}"#.utf8)
        #expect(throws: FineTuningError.self) { try WireFormat.value(FineTuningJob.self, at: "job", in: data) }
    }

    @Test func providerTimestampsParseWithAnyFraction() throws {
        let date = try #require(WireFormat.date("2024-11-03T21:08:07.734198Z"))
        #expect(abs(date.timeIntervalSince1970 - 1_730_668_087.734198) < 1e-5)
        #expect(WireFormat.date("2024-11-03T21:08:07Z") != nil)
        #expect(WireFormat.date("2024-11-03T22:08:07+01:00") == WireFormat.date("2024-11-03T21:08:07Z"))
        #expect(WireFormat.date("yesterday") == nil)
    }

    @Test func jsonValuesKeepInt64AsStringsAndNumbers() throws {
        let value = try JSONValue(parsing: #"{"epochCount":"10","sum":233592,"mean":467.184,"flag":true,"none":null}"#)
        #expect(value["epochCount"]?.int64Value == 10)
        #expect(value["sum"] == .integer(233592))
        #expect(value["mean"]?.doubleValue == 467.184)
        #expect(value["flag"] == true)
        #expect(value["none"] == .null)
        #expect(try JSONValue(parsing: value.serialized()) == value)
    }
}
