import FineTuning
import Testing
@testable import FineTuningOpenAI

@Suite struct OpenAIStatusMappingTests {
    @Test(arguments: [
        ("validating_files", JobStatus.validating), ("queued", .queued), ("running", .running), ("paused", .paused),
        ("succeeded", .succeeded), ("failed", .failed), ("cancelled", .cancelled),
        ("created", .queued), ("pending", .queued), ("notRunning", .queued),
    ])
    func knownStates(raw: String, expected: JobStatus) {
        #expect(OpenAIStatusMapping.status(raw) == expected)
    }

    @Test(arguments: ["pausing", "cancelling", "Running", ""])
    func unknownStatesArePreserved(raw: String) {
        #expect(OpenAIStatusMapping.status(raw) == .unknown(raw))
    }

    @Test func everyStateOfAJobIsDecoded() throws {
        for raw in OpenAIStatusMapping.table.keys.sorted() + ["pausing"] {
            let job = try OpenAIJobDecoding.job(JSONValue(parsing: OpenAIFixtures.job(status: raw)), provider: "openai")
            #expect(job.providerStatus == raw)
            #expect(job.status == OpenAIStatusMapping.status(raw))
        }
    }
}
