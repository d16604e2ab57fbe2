import FineTuningDataset
import Testing

@Suite struct DatasetStatisticsTests {
    @Test func countsCharactersTokensAndDistributions() throws {
        let files = try DatasetTestFiles()
        // user texts of 4, 8 and 12 characters, assistant texts of 1 character, one system prompt of 5.
        let path = try files.write("s.jsonl", [
            Samples.chat("abcd", "x", system: "sssss"),
            Samples.chat("abcdefgh", "y"),
            Samples.chat("abcdefghijkl", "z"),
            "{not json",
        ].joined(separator: "\n"))
        let stats = try DatasetStatisticsCollector.collect(path: path)
        #expect(stats.exampleCount == 3)
        #expect(stats.invalidRecordCount == 1)
        #expect(stats.totalCharacters == 4 + 8 + 12 + 3 + 5)
        // ceil per text: user 1, 2, 3; assistant 1 each; system 2.
        #expect(stats.estimatedTokens == 6 + 3 + 2)
        let user = try #require(stats.roleTokens["user"])
        #expect((user.min, user.max, user.sum, user.median, user.p5, user.p95) == (1, 3, 6, 2, 1, 3))
        #expect(stats.roleTokens["system"]?.count == 1)
        #expect(stats.exampleTokens?.max == 4)
    }

    @Test func estimatesCostFromTheDatedTable() throws {
        let estimate = try #require(TrainingPricing.estimate(tokens: 2_000_000, epochs: 3, model: "openai/gpt-4o-mini-2024-07-18"))
        #expect(estimate.price.model == "gpt-4o-mini")
        #expect(abs(estimate.usd - 18.0) < 1e-9)
        #expect(TrainingPricing.price(for: "gpt-4o-2024-08-06")?.usdPerMillionTokens == 25)
        #expect(TrainingPricing.price(for: "vertex_ai/gpt-4o") == nil)
        #expect(TrainingPricing.price(for: "openai/unknown-model") == nil)
        #expect(TrainingPricing.table.allSatisfy { !$0.source.isEmpty && $0.checked.count == 10 })
    }
}
