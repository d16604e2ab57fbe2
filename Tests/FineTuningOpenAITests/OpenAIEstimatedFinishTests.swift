import FineTuning
import FineTuningHTTP
import Foundation
import Testing

@testable import FineTuningOpenAI

/// OpenAI's `estimated_finish` (unix seconds, null until known) on the normalized job and in its wire form.
@Suite struct OpenAIEstimatedFinishTests {
    @Test func runningJobCarriesItsEstimatedFinish() throws {
        let har = try HARArchive(contentsOf: ConformanceFolder.url.appendingPathComponent("Fixtures/openai/get_running.har"))
        let body = try #require(har.entries.first?.response.content.text)
        let json = try JSONValue(parsing: body)
        let job = try OpenAIJobDecoding.job(json, provider: "openai")
        let seconds = try #require(json["estimated_finish"]?.int64Value)
        #expect(job.estimatedFinish == Date(timeIntervalSince1970: TimeInterval(seconds)))
        let wire = try JSONValue(parsing: try JSONEncoder().encode(job))
        #expect(wire["estimated_finish"] != nil)
        #expect(try JSONDecoder().decode(FineTuningJob.self, from: try JSONEncoder().encode(job)).estimatedFinish == job.estimatedFinish)
    }

    @Test func nullEstimatedFinishStaysAbsent() throws {
        let job = try OpenAIJobDecoding.job(try JSONValue(parsing: #"{"id":"ftjob-1","object":"fine_tuning.job","status":"queued","model":"gpt-4o-mini","estimated_finish":null}"#), provider: "openai")
        #expect(job.estimatedFinish == nil)
        #expect(try JSONValue(parsing: try JSONEncoder().encode(job))["estimated_finish"] == nil)
    }
}
