import FineTuning
import FineTuningHTTP
import Foundation
import Testing

@testable import FineTuningVertex

/// `tuningDataStats` from the recorded succeeded job becomes the normalized job's data statistics,
/// and travels in the wire form as `data_statistics`.
@Suite struct VertexDataStatisticsTests {
    @Test func succeededJobCarriesItsDataStatistics() throws {
        let har = try HARArchive(contentsOf: VertexLoopbackTests.fixtures.appendingPathComponent("get_succeeded.har"))
        let body = try #require(har.entries.first?.response.content.text)
        let job = try VertexJobDecoding.job(try JSONValue(parsing: body), provider: "vertex_ai")
        let stats = try #require(job.dataStatistics)
        #expect(stats.exampleCount == 500)
        #expect(stats.characterCount == 1_032_886)
        #expect(stats.billableTokenCount == 255_243)
        let raw = try #require(job.raw?["tuningDataStats"]?["supervisedTuningDataStats"])
        let sum = (raw["userInputTokenDistribution"]?["sum"]?.int64Value ?? 0) + (raw["userOutputTokenDistribution"]?["sum"]?.int64Value ?? 0)
        #expect(stats.tokenCount == sum)

        let wire = try JSONValue(parsing: try JSONEncoder().encode(job))
        #expect(wire["data_statistics"]?["example_count"] == 500)
        let decoded = try JSONDecoder().decode(FineTuningJob.self, from: try JSONEncoder().encode(job))
        #expect(decoded.dataStatistics == stats)
    }
}
