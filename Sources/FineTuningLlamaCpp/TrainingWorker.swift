import FineTuning
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The `finetune-llama-worker` executable: where it is, how to start it detached, whether it lives.
/// It exists only when the package was built with llama.cpp installed (see `scripts/setup-llama.sh`).
public struct TrainingWorker: Sendable {
    public static let executableName = "finetune-llama-worker"
    /// The set-up command named in every "not installed" error.
    public static let setupHint =
        "run scripts/setup-llama.sh, then build with FINETUNE_LLAMA_DIR=$PWD/.deps/llama swift build (or set FINETUNE_LLAMA_WORKER to the worker's path)"

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
    public func startDetached(arguments: [String], log: URL, pidFile: URL) throws -> Int32 {
        let shell = Process()
        shell.executableURL = URL(fileURLWithPath: "/bin/sh")
        // The shell backgrounds the worker and exits, so the worker is re-parented and never a zombie of
        // ours. No pipe: a pipe's write end inherited by the worker would keep a reader waiting.
        shell.arguments = ["-c", "setsid \"$@\" </dev/null >>\"$LOG\" 2>&1 & echo $! >\"$PIDFILE\"", "sh", path] + arguments
        shell.environment = ProcessInfo.processInfo.environment.merging(["LOG": log.path, "PIDFILE": pidFile.path]) { $1 }
        shell.standardOutput = FileHandle.nullDevice
        shell.standardError = FileHandle.nullDevice
        try shell.run()
        shell.waitUntilExit()
        let text = (try? String(contentsOf: pidFile, encoding: .utf8)) ?? ""
        guard shell.terminationStatus == 0, let pid = Int32(text.trimmingCharacters(in: .whitespacesAndNewlines)) else {
            throw FineTuningError(.providerError, "could not start \(path) (exit \(shell.terminationStatus))", provider: "llamacpp")
        }
        return pid
    }

    /// Runs the worker in the foreground and returns its standard output (for `generate`).
    public func run(arguments: [String]) throws -> String {
        let log = FileManager.default.temporaryDirectory.appendingPathComponent("finetune-llama-\(UUID().uuidString).log")
        FileManager.default.createFile(atPath: log.path, contents: nil)
        defer { try? FileManager.default.removeItem(at: log) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments
        let output = Pipe()
        process.standardOutput = output
        process.standardError = try FileHandle(forWritingTo: log)
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            let tail = (try? String(contentsOf: log, encoding: .utf8))?.split(separator: "\n").suffix(3).joined(separator: " | ") ?? ""
            throw FineTuningError(.providerError, "\(Self.executableName) \(arguments.first ?? "") failed (exit \(process.terminationStatus)): \(tail)", provider: "llamacpp")
        }
        return String(decoding: data, as: UTF8.self)
    }

    /// True while process `pid` exists, is not a zombie and (where /proc tells) is the worker of `jobDirectory`.
    public static func isAlive(pid: Int32, jobDirectory: URL) -> Bool {
        guard kill(pid, 0) == 0 || errno == EPERM else { return false }
        if let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
           let close = stat.lastIndex(of: ")") {
            let state = stat[stat.index(after: close)...].trimmingCharacters(in: .whitespaces).prefix(1)
            if state == "Z" || state == "X" { return false }
        }
        if let command = FileManager.default.contents(atPath: "/proc/\(pid)/cmdline") {
            return String(decoding: command, as: UTF8.self).contains(jobDirectory.lastPathComponent)
        }
        return true
    }
}
