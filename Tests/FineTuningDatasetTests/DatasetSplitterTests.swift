import FineTuningDataset
import Testing

@Suite struct DatasetSplitterTests {
    func makeSource(_ files: DatasetTestFiles) throws -> String {
        var lines = (0..<200).map { Samples.chat("question \($0)", "answer \($0)") }
        lines += lines.prefix(10)  // exact duplicates
        return try files.write("all.jsonl", lines.joined(separator: "\n"))
    }

    @Test func isDeterministicDeduplicatesAndDependsOnTheSeed() throws {
        let files = try DatasetTestFiles()
        let source = try makeSource(files)
        let first = try DatasetSplitter.split(input: source, trainOutput: files.path("t1"), validationOutput: files.path("v1"), validationFraction: 0.2, seed: 7)
        let second = try DatasetSplitter.split(input: source, trainOutput: files.path("t2"), validationOutput: files.path("v2"), validationFraction: 0.2, seed: 7)
        let other = try DatasetSplitter.split(input: source, trainOutput: files.path("t3"), validationOutput: files.path("v3"), validationFraction: 0.2, seed: 8)
        #expect(first.duplicatesRemoved == 10)
        #expect(first.trainCount + first.validationCount == 200)
        #expect((20...60).contains(first.validationCount))
        #expect(try files.read("v1") == files.read("v2"))
        #expect(try files.read("t1") == files.read("t2"))
        #expect(try files.read("v1") != files.read("v3"))
        #expect(other.trainCount + other.validationCount == 200)
        let trainLines = Set(try files.read("t1").split(separator: "\n"))
        #expect(trainLines.isDisjoint(with: try files.read("v1").split(separator: "\n")))
    }

    @Test func keepsDuplicatesWhenAskedAndRejectsABadFraction() throws {
        let files = try DatasetTestFiles()
        let source = try makeSource(files)
        let kept = try DatasetSplitter.split(input: source, trainOutput: files.path("t"), validationOutput: files.path("v"), validationFraction: 0, removeDuplicates: false)
        #expect(kept.trainCount == 210 && kept.validationCount == 0)
        #expect(throws: FineTuningError.self) {
            try DatasetSplitter.split(input: source, trainOutput: files.path("t"), validationOutput: files.path("v"), validationFraction: 1.5)
        }
    }
}
