import FineTuning
import FineTuningPluginABI
package import Foundation
import Synchronization
/// A child process run to its end or killed at a deadline, with everything it wrote. The
/// isolation of plugins rests on it: code that crashes or hangs in the child cannot take the
/// parent with it.
package struct ChildProcess: Sendable {
    /// How the child ended.
    package enum Ending: Sendable, Equatable {
        case status(Int32)
        case signal(Int32)
        case timedOut
        case notStarted(String)
    }

    package let executable: URL
    package let arguments: [String]
    package var environment: [String: String]?

    package init(executable: URL, arguments: [String], environment: [String: String]? = nil) {
        self.executable = executable
        self.arguments = arguments
        self.environment = environment
    }

    /// The ending, standard output and standard error of the child, which gets `input` on its
    /// standard input and is killed (SIGKILL) when `timeout` passes. Runs on a thread of its own.
    package func run(input: Data = Data(), timeout: Duration) async -> (ending: Ending, output: Data, errors: Data) {
        await BlockingBridge.onDedicatedThread { [self] in runBlocking(input: input, timeout: timeout) }
    }

    private func runBlocking(input: Data, timeout: Duration) -> (ending: Ending, output: Data, errors: Data) {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        if let environment { process.environment = environment }
        let output = Pipe()
        let errors = Pipe()
        let standardInput = Pipe()
        process.standardOutput = output
        process.standardError = errors
        process.standardInput = standardInput
        let collected = Collected()
        output.fileHandleForReading.readabilityHandler = { collected.append($0.availableData, error: false) }
        errors.fileHandleForReading.readabilityHandler = { collected.append($0.availableData, error: true) }
        let ended = DispatchSemaphore(value: 0)
        process.terminationHandler = { _ in ended.signal() }
        do {
            try process.run()
        } catch {
            return (.notStarted("\(error)"), Data(), Data())
        }
        // A child that dies before reading its input must not kill the parent with SIGPIPE.
        signal(SIGPIPE, SIG_IGN)
        try? standardInput.fileHandleForWriting.write(contentsOf: input)
        try? standardInput.fileHandleForWriting.close()
        let (seconds, attoseconds) = timeout.components
        let deadline = DispatchTime.now() + .nanoseconds(Int(seconds) * 1_000_000_000 + Int(attoseconds / 1_000_000_000))
        let timedOut = ended.wait(timeout: deadline) == .timedOut
        if timedOut {
            kill(process.processIdentifier, SIGKILL)
            ended.wait()
        }
        output.fileHandleForReading.readabilityHandler = nil
        errors.fileHandleForReading.readabilityHandler = nil
        collected.append(output.fileHandleForReading.readDataToEndOfFile(), error: false)
        collected.append(errors.fileHandleForReading.readDataToEndOfFile(), error: true)
        let ending: Ending =
            timedOut ? .timedOut : process.terminationReason == .uncaughtSignal ? .signal(process.terminationStatus) : .status(process.terminationStatus)
        let (out, err) = collected.data
        return (ending, out, err)
    }

    /// The usual name of a signal that ends a crashing process.
    package static func signalName(_ number: Int32) -> String {
        let names: [Int32: String] = [
            SIGABRT: "SIGABRT", SIGSEGV: "SIGSEGV", SIGBUS: "SIGBUS", SIGILL: "SIGILL", SIGFPE: "SIGFPE", SIGKILL: "SIGKILL",
            SIGTERM: "SIGTERM", SIGTRAP: "SIGTRAP", SIGPIPE: "SIGPIPE",
        ]
        return names[number] ?? "signal \(number)"
    }
}

/// What the child wrote, gathered from the pipes' handlers.
private final class Collected: Sendable {
    private let written = Mutex((output: Data(), errors: Data()))

    func append(_ data: Data, error: Bool) {
        written.withLock { if error { $0.errors.append(data) } else { $0.output.append(data) } }
    }

    var data: (Data, Data) { written.withLock { ($0.output, $0.errors) } }
}
