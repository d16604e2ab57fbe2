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
        let exit = await BlockingBridge.onDedicatedThread { [self] in runChild(scenario.id) }
        let elapsed = ContinuousClock.now - started
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        func failed(_ reason: String) -> ScenarioResult {
            ScenarioResult(scenario: scenario.id, tier: scenario.tier, outcome: .failed(reasons: [reason]), seconds: seconds)
        }
        let operation = exit.lastStep.map { "in operation \($0)" } ?? "before its first operation (while loading the plugin)"
        switch exit.ending {
        case .timedOut:
            return failed("timed out after \(timeout.formatted) \(operation) of plugin \(plugin)")
        case .signal(let number):
            return failed("plugin \(plugin) crashed with signal \(number) (\(Self.signalName(number))) \(operation)")
        case .status(let status):
            let line = String(decoding: exit.output, as: UTF8.self).split(separator: "\n").last.map(String.init) ?? ""
            if status == 0, let result = try? JSONDecoder().decode(ScenarioResult.self, from: Data(line.utf8)) {
                return result
            }
            let detail = String(decoding: exit.errors.suffix(500), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            return failed("the scenario's process exited with status \(status) \(operation): \(detail)")
        case .notStarted(let reason):
            return failed("the scenario's process could not start: \(reason)")
        }
    }

    /// How the child ended and what it wrote.
    private struct ChildExit {
        enum Ending {
            case status(Int32), signal(Int32), timedOut, notStarted(String)
        }

        var ending: Ending
        var output = Data()
        var errors = Data()
        /// The operation of the last step the child started (`get (step 1)`).
        var lastStep: String?
    }

    /// Runs the child and waits for it, at most `timeout`; blocks the (dedicated) calling thread.
    private func runChild(_ scenarioID: String) -> ChildExit {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments + ["--run-scenario", scenarioID]
        let output = Pipe()
        let errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        process.standardInput = FileHandle.nullDevice
        let collected = Collected()
        output.fileHandleForReading.readabilityHandler = { collected.append($0.availableData, error: false) }
        errors.fileHandleForReading.readabilityHandler = { collected.append($0.availableData, error: true) }
        let ended = DispatchSemaphore(value: 0)
        process.terminationHandler = { _ in ended.signal() }
        do {
            try process.run()
        } catch {
            return ChildExit(ending: .notStarted("\(error)"))
        }
        let timedOut = ended.wait(timeout: .now() + .nanoseconds(Int(timeout.components.seconds) * 1_000_000_000 + Int(timeout.components.attoseconds / 1_000_000_000))) == .timedOut
        if timedOut {
            kill(process.processIdentifier, SIGKILL)
            ended.wait()
        }
        output.fileHandleForReading.readabilityHandler = nil
        errors.fileHandleForReading.readabilityHandler = nil
        collected.append(output.fileHandleForReading.readDataToEndOfFile(), error: false)
        collected.append(errors.fileHandleForReading.readDataToEndOfFile(), error: true)
        let (out, err) = collected.data
        let ending: ChildExit.Ending =
            timedOut ? .timedOut : process.terminationReason == .uncaughtSignal ? .signal(process.terminationStatus) : .status(process.terminationStatus)
        let lastStep = String(decoding: err, as: UTF8.self).split(separator: "\n").last { $0.hasPrefix(Self.stepMarker) }
            .map { String($0.dropFirst(Self.stepMarker.count)) }
        return ChildExit(ending: ending, output: out, errors: err, lastStep: lastStep)
    }

    /// The usual name of a signal that ends a crashing process.
    static func signalName(_ number: Int32) -> String {
        let names: [Int32: String] = [
            SIGABRT: "SIGABRT", SIGSEGV: "SIGSEGV", SIGBUS: "SIGBUS", SIGILL: "SIGILL", SIGFPE: "SIGFPE", SIGKILL: "SIGKILL",
            SIGTERM: "SIGTERM", SIGTRAP: "SIGTRAP", SIGPIPE: "SIGPIPE",
        ]
        return names[number] ?? "signal \(number)"
    }
}

/// What the child wrote, gathered from the pipes' handlers.
private final class Collected: @unchecked Sendable {
    // @unchecked: guarded by `lock`.
    private let lock = NSLock()
    private var output = Data()
    private var errors = Data()

    func append(_ data: Data, error: Bool) {
        lock.withLock { if error { errors.append(data) } else { output.append(data) } }
    }

    var data: (Data, Data) { lock.withLock { (output, errors) } }
}

extension Duration {
    /// `60 s`, `0.5 s`.
    fileprivate var formatted: String {
        let seconds = Double(components.seconds) + Double(components.attoseconds) / 1e18
        return seconds == seconds.rounded() ? "\(Int(seconds)) s" : "\(seconds) s"
    }
}
