import Foundation
import Synchronization

/// Checks a local data file against its format's rules and, optionally, a provider's requirements,
/// reading it once in bounded memory and reporting every problem with its file, line and field. A large
/// JSON Lines file is split at line boundaries and its parts checked in parallel, one per idle core (at
/// most four); problems are merged back in line order.
public enum DatasetValidator {
    /// Files smaller than this are checked on one thread.
    static let parallelThreshold: Int64 = 16 << 20
    static let maxWorkers = 4

    /// Validates a local file; `format` nil = detect. `requirements` nil = only the format's own rules.
    /// Throws `invalidData` only when the file cannot be read at all (missing, a directory, unreadable,
    /// empty with no format given); everything wrong inside the file is in the report.
    public static func validate(
        path: String, format: DatasetFormat? = nil, requirements: DatasetRequirements? = nil, maxProblems: Int = 50
    ) throws -> DatasetReport {
        let source = try ExampleSource(path: path, format: format)
        return try validate(source: source, requirements: requirements, maxProblems: maxProblems, workers: workerCount(fileSize: source.file.size))
    }

    /// One worker per core that the last minute's load average leaves idle, for a file big enough to gain
    /// from it: on a busy machine extra threads only compete with each other for the same cores.
    static func workerCount(fileSize: Int64) -> Int {
        guard fileSize >= parallelThreshold else { return 1 }
        var load = [0.0]
        let busy = getloadavg(&load, 1) == 1 ? load[0] : 0
        let idle = Double(ProcessInfo.processInfo.activeProcessorCount) - busy
        return max(1, min(maxWorkers, Int(idle.rounded())))
    }

    static func validate(source: ExampleSource, requirements: DatasetRequirements?, maxProblems: Int, workers: Int = 1) throws -> DatasetReport {
        var log = ProblemLog(path: source.path, limit: maxProblems)
        if let requirements, requirements.format != source.format {
            log.add(FieldProblem(nil, "the target provider expects \(requirements.format.rawValue) data, this file is \(source.format.rawValue): convert it first"), line: nil)
        }
        if let limit = requirements?.maxFileBytes, source.file.size > limit {
            log.add(FieldProblem(nil, "the file has \(source.file.size) bytes, more than the provider's limit of \(limit)"), line: nil)
        }
        var count = 0
        var lineOffset = 0
        for part in try checkParts(source.parts(workers), format: source.format, requirements: requirements, maxProblems: maxProblems) {
            log.append(part.log, lineOffset: lineOffset)
            count += part.examples
            lineOffset += part.lines
        }
        if count == 0 {
            log.add(FieldProblem(nil, "the file holds no examples"), line: nil)
        } else if let requirements {
            if count < requirements.minExamples {
                log.add(FieldProblem(nil, "\(count) examples, fewer than the provider's minimum of \(requirements.minExamples)"), line: nil)
            }
            if let maximum = requirements.maxExamples, count > maximum {
                log.add(FieldProblem(nil, "\(count) examples, more than the provider's maximum of \(maximum)"), line: nil)
            }
        }
        return DatasetReport(path: source.path, format: source.format, exampleCount: count, problems: log.problems, omittedProblemCount: log.omitted)
    }

    /// What checking one part found, with line numbers counted from the part's first line.
    struct PartResult {
        var log: ProblemLog
        var examples = 0
        var lines = 0
    }

    /// Checks each part, concurrently when there are several, and returns the results in order.
    private static func checkParts(
        _ parts: [ExampleSource], format: DatasetFormat, requirements: DatasetRequirements?, maxProblems: Int
    ) throws -> [PartResult] {
        if parts.count == 1 { return [try check(parts[0], format: format, requirements: requirements, maxProblems: maxProblems)] }
        let results = PartResults(count: parts.count)
        let shared = UncheckedSendable(parts)
        DispatchQueue.concurrentPerform(iterations: parts.count) { index in
            results.store(index, Result { try check(shared.value[index], format: format, requirements: requirements, maxProblems: maxProblems) })
        }
        return try results.all()
    }

    private static func check(_ source: ExampleSource, format: DatasetFormat, requirements: DatasetRequirements?, maxProblems: Int) throws -> PartResult {
        var result = PartResult(log: ProblemLog(path: source.path, limit: maxProblems))
        result.lines = try source.forEach { event in
            result.examples += 1
            switch event {
            case .invalid(let line, let problems):
                result.log.add(problems, line: line)
            case .example(let record):
                result.log.add(ExampleRules.check(record.outline, format: format, requirements: requirements), line: record.line)
            }
        }
        return result
    }

    /// Per-part results written by concurrent workers, each to its own slot.
    private final class PartResults: Sendable {
        private let slots: Mutex<[Result<PartResult, any Error>?]>

        init(count: Int) { slots = Mutex(Array(repeating: nil, count: count)) }

        func store(_ index: Int, _ result: Result<PartResult, any Error>) {
            slots.withLock { $0[index] = result }
        }

        func all() throws -> [PartResult] {
            try slots.withLock { slots in try slots.map { try $0!.get() } }
        }
    }

    /// Hands the part sources to the workers: each worker only touches its own part.
    private struct UncheckedSendable<Value>: @unchecked Sendable {
        let value: Value
        init(_ value: Value) { self.value = value }
    }
}
