import FineTuning
public import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
public import Darwin
#endif

/// The `finetune-llama-worker` executable: where it is, how to start it detached, whether it lives.
/// It is built by the nested package `LlamaWorker/` once llama.cpp is installed (`scripts/build-llama-worker.sh`).
public struct TrainingWorker: Sendable {
    public static let executableName = "finetune-llama-worker"
    /// The set-up command named in every "not installed" error.
    public static let setupHint =
        "run scripts/setup-llama.sh, then export FINETUNE_LLAMA_WORKER=\"$(scripts/build-llama-worker.sh)\""

    public let path: String

    /// `$FINETUNE_LLAMA_WORKER`, or the worker next to the running executable; otherwise a
    /// `configuration` error that names the set-up command.
    public static func locate(environment: [String: String]) throws -> TrainingWorker {
        var candidates: [String] = []
        if let explicit = environment["FINETUNE_LLAMA_WORKER"], !explicit.isEmpty { candidates.append(explicit) }
        let executable = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().path
        let running = FileManager.default.fileExists(atPath: executable) ? executable : (Bundle.main.executablePath ?? CommandLine.arguments[0])
        candidates.append(URL(fileURLWithPath: running).deletingLastPathComponent().appendingPathComponent(executableName).path)
        guard let found = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0) }) else {
            throw FineTuningError(
                .configuration,
                "the llamacpp backend is not installed (no \(executableName) at \(candidates.joined(separator: " or "))): \(setupHint)",
                provider: "llamacpp")
        }
        return TrainingWorker(path: found)
    }

    public init(path: String) {
        self.path = path
    }

    /// Starts the worker with `arguments` in its own session, detached from the caller (so that it
    /// outlives it), output appended to `log`, its pid written to `pidFile`; returns the pid.
    @discardableResult
    public func startDetached(arguments: [String], log: URL, pidFile: URL) async throws -> Int32 {
        // The shell backgrounds the worker and exits, so the worker is re-parented and never a zombie of ours.
        let shell = ChildProcess(
            executable: URL(fileURLWithPath: "/bin/sh"),
            arguments: ["-c", "setsid \"$@\" </dev/null >>\"$LOG\" 2>&1 & echo $! >\"$PIDFILE\"", "sh", path] + arguments,
            environment: ProcessInfo.processInfo.environment.merging(["LOG": log.path, "PIDFILE": pidFile.path]) { $1 })
        let (ending, _, errors) = await shell.run(output: .discard)
        let text = await BlockingBridge.onDedicatedThread { try? String(contentsOf: pidFile, encoding: .utf8) } ?? ""
        guard ending == .status(0), let pid = Int32(text.trimmingCharacters(in: .whitespacesAndNewlines)) else {
            throw FineTuningError(.providerError, "could not start \(path) (\(Self.describe(ending))): \(String(decoding: errors.suffix(300), as: UTF8.self))", provider: "llamacpp")
        }
        return pid
    }

    /// Runs the worker in the foreground and returns its standard output (for `generate` and `eval`).
    public func run(arguments: [String]) async throws -> String {
        let (ending, output, errors) = await ChildProcess(executable: URL(fileURLWithPath: path), arguments: arguments).run()
        guard ending == .status(0) else {
            let tail = String(decoding: errors, as: UTF8.self).split(separator: "\n").suffix(3).joined(separator: " | ")
            throw FineTuningError(.providerError, "\(Self.executableName) \(arguments.first ?? "") failed (\(Self.describe(ending))): \(tail)", provider: "llamacpp")
        }
        return String(decoding: output, as: UTF8.self)
    }

    /// `exit 3`, `signal 9 (SIGKILL)` or why the process did not start.
    static func describe(_ ending: ChildProcess.Ending) -> String {
        switch ending {
        case .status(let status): "exit \(status)"
        case .signal(let number): "signal \(number) (\(ChildProcess.signalName(number)))"
        case .timedOut: "timed out"
        case .notStarted(let reason): "not started: \(reason)"
        }
    }

    /// True while process `pid` exists, is not a zombie and (where /proc tells) is the worker of `jobDirectory`.
    public static func isAlive(pid: Int32, jobDirectory: URL) -> Bool {
        guard kill(pid, 0) == 0 || errno == EPERM else { return false }
        if let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
           let close = stat.lastIndex(of: ")") {
            let state = stat[stat.index(after: close)...].trimmingCharacters(in: .whitespaces).prefix(1)
            if state == "Z" || state == "X" { return false }
        }
        // A process that reuses the pid runs another command. (While the worker is being exec'd its
        // command line can read empty: that is not evidence of anything.)
        if let command = FileManager.default.contents(atPath: "/proc/\(pid)/cmdline"), !command.isEmpty {
            return String(decoding: command, as: UTF8.self).contains(jobDirectory.lastPathComponent)
        }
        return true
    }
}
