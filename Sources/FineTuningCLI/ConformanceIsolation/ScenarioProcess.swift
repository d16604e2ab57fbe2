import FineTuning
import FineTuningConformance
import FineTuningPlugins
import Foundation

/// One conformance scenario run in a child `finetune conformance --run-scenario ID` process, so
/// a plugin that crashes or hangs fails that scenario only. The child reports each step on
/// standard error before running it and prints its result as one JSON line on standard output;
/// the parent kills it when `timeout` passes.
struct ScenarioProcess: Sendable {
    /// The line prefix the child writes on standard error before each step.
    static let stepMarker = "finetune-conformance-step: "

    /// The `finetune` executable to run.
    let executable: URL
    /// The child's arguments, without `--run-scenario`.
    let arguments: [String]
    /// The plugin under test, named in crash and timeout failures.
    let plugin: String
    let timeout: Duration

    /// The scenario's result; a crash, a timeout or an unreadable answer is a failure.
    func run(_ scenario: ConformanceScenario) async -> ScenarioResult {
        let started = ContinuousClock.now
        let child = ChildProcess(executable: executable, arguments: arguments + ["--run-scenario", scenario.id])
        let (ending, output, errors) = await child.run(timeout: timeout)
        let elapsed = ContinuousClock.now - started
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        func failed(_ reason: String) -> ScenarioResult {
            ScenarioResult(scenario: scenario.id, tier: scenario.tier, outcome: .failed(reasons: [reason]), seconds: seconds)
        }
        let lastStep = String(decoding: errors, as: UTF8.self).split(separator: "\n").last { $0.hasPrefix(Self.stepMarker) }
            .map { String($0.dropFirst(Self.stepMarker.count)) }
        let operation = lastStep.map { "in operation \($0)" } ?? "before its first operation (while loading the plugin)"
        switch ending {
        case .timedOut:
            return failed("timed out after \(timeout.secondsText) \(operation) of plugin \(plugin)")
        case .signal(let number):
            return failed("plugin \(plugin) crashed with signal \(number) (\(ChildProcess.signalName(number))) \(operation)")
        case .status(let status):
            let line = String(decoding: output, as: UTF8.self).split(separator: "\n").last.map(String.init) ?? ""
            if status == 0, let result = try? JSONDecoder().decode(ScenarioResult.self, from: Data(line.utf8)) {
                return result
            }
            let detail = String(decoding: errors.suffix(500), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            return failed("the scenario's process exited with status \(status) \(operation): \(detail)")
        case .notStarted(let reason):
            return failed("the scenario's process could not start: \(reason)")
        }
    }
}
