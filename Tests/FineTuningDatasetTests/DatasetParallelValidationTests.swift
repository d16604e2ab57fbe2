@testable import FineTuningDataset
import Testing

@Suite struct DatasetParallelValidationTests {
    /// A file with problems spread over it, blank lines, CRLF, a BOM and no final newline.
    func makeFile(_ files: DatasetTestFiles) throws -> String {
        var lines: [String] = []
        for index in 0..<500 {
            switch index % 7 {
            case 0: lines.append(#"{"messages":[{"role":"user","content":"q\#(index)"},{"role":"assistant","content":" "}]}"#)
            case 3: lines.append("")
            case 5: lines.append("{cut")
            default: lines.append(Samples.chat("question \(index)", "answer \(index)"))
            }
        }
        return try files.write("mixed.jsonl", "\u{FEFF}" + lines.joined(separator: "\r\n"))
    }

    @Test(arguments: [2, 3, 4, 16])
    func partsGiveTheSameReportAsOneReader(workers: Int) throws {
        let files = try DatasetTestFiles()
        let path = try makeFile(files)
        for limit in [10, 1_000] {
            let single = try DatasetValidator.validate(
                source: ExampleSource(path: path, format: nil), requirements: .openAIChat, maxProblems: limit, workers: 1)
            let parallel = try DatasetValidator.validate(
                source: ExampleSource(path: path, format: nil), requirements: .openAIChat, maxProblems: limit, workers: workers)
            #expect(parallel.problems == single.problems)
            #expect(parallel.omittedProblemCount == single.omittedProblemCount)
            #expect(parallel.exampleCount == single.exampleCount)
        }
        let report = try DatasetValidator.validate(source: ExampleSource(path: path, format: .openAIChat), requirements: nil, maxProblems: 1_000, workers: workers)
        #expect(report.exampleCount == 500 - 71)  // 71 blank lines
        #expect(report.problems.count == 72 + 71)  // empty answers and cut lines
        #expect(report.problems.last?.location.line == 498)  // line 498 holds example 497, an empty answer
    }
}
