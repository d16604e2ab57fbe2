package import Foundation
import Synchronization
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A child process started with posix_spawn and waited for with waitpid, on a thread of its own
/// (never on the cooperative pool): its input written, its output captured, discarded or appended
/// to a file, and killed (SIGKILL) when a timeout passes. There is no run loop and no termination
/// handler to miss, so a short-lived child is always seen to end. The isolation of plugins rests on
/// it (code that crashes or hangs in the child cannot take the parent with it), and the llama.cpp
/// backend starts its worker with it.
package struct ChildProcess: Sendable {
    /// How the child ended.
    package enum Ending: Sendable, Equatable {
        case status(Int32)
        case signal(Int32)
        case timedOut
        case notStarted(String)

        /// The shell's view of the ending: the exit status, or 128 + the signal; nil when the child
        /// did not start or was killed at the timeout.
        package var exitStatus: Int32? {
            switch self {
            case .status(let status): status
            case .signal(let number): 128 + number
            case .timedOut, .notStarted: nil
            }
        }
    }

    /// Where one of the child's output streams goes.
    package enum Destination: Sendable, Equatable {
        /// Into the `Data` that `run` returns.
        case capture
        /// To /dev/null.
        case discard
        /// Appended to the file at this path (created if missing).
        case appendToFile(String)
    }

    package let executable: URL
    package let arguments: [String]
    /// The child's environment; nil: this process's.
    package var environment: [String: String]?

    package init(executable: URL, arguments: [String], environment: [String: String]? = nil) {
        self.executable = executable
        self.arguments = arguments
        self.environment = environment
    }

    /// The ending, captured standard output and captured standard error of the child, which gets
    /// `input` on its standard input (/dev/null when empty) and is killed when `timeout` passes.
    package func run(
        input: Data = Data(), output: Destination = .capture, errors: Destination = .capture, timeout: Duration? = nil
    ) async -> (ending: Ending, output: Data, errors: Data) {
        await BlockingBridge.onDedicatedThread { [self] in
            let deadline = timeout.map { ContinuousClock.now + $0 }
            return ChildProcessRun(input: input, output: output, errors: errors).run(self, deadline: deadline)
        }
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

/// One run of a `ChildProcess`, on the thread that blocks for it: the spawn, the poll loop that
/// feeds the input and drains the outputs, and the wait.
private struct ChildProcessRun {
    let input: Data
    let output: ChildProcess.Destination
    let errors: ChildProcess.Destination

    func run(_ child: ChildProcess, deadline: ContinuousClock.Instant?) -> (ending: ChildProcess.Ending, output: Data, errors: Data) {
        let pid: pid_t
        var streams: Streams
        switch Self.spawning.withLock({ _ in spawn(child) }) {
        case .failure(let failure): return (.notStarted(failure.reason), Data(), Data())
        case .success(let started): (pid, streams) = started
        }
        defer { streams.closeAll() }
        guard streams.pump(until: deadline), let ending = Self.waitForExit(pid, until: deadline) else {
            kill(pid, SIGKILL)
            _ = Self.waitForExit(pid, until: nil)
            streams.drainAvailable()
            return (.timedOut, streams.output, streams.errors)
        }
        return (ending, streams.output, streams.errors)
    }

    /// Why a child did not start.
    private struct SpawnFailure: Error {
        var reason: String
    }

    /// Starts the child with its standard streams routed; its pid and the parent's ends of its pipes.
    private func spawn(_ child: ChildProcess) -> Result<(pid_t, Streams), SpawnFailure> {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        var parentEnds: [Int32] = []
        var childEnds: [Int32] = []
        defer { childEnds.forEach { close($0) } }
        /// A pipe to (or from) the child's `descriptor`; the parent's end.
        func pipeEnd(to descriptor: Int32, childReads: Bool) throws(SpawnFailure) -> Int32 {
            guard let (read, write) = Self.closeOnExecPipe() else { throw SpawnFailure(reason: "no pipe: \(Self.lastError())") }
            let (parent, child) = childReads ? (write, read) : (read, write)
            parentEnds.append(parent)
            childEnds.append(child)
            posix_spawn_file_actions_adddup2(&actions, child, descriptor)
            return parent
        }
        /// The parent's end of a captured stream; nil for one discarded or appended to a file.
        func route(_ destination: ChildProcess.Destination, to descriptor: Int32) throws(SpawnFailure) -> Int32? {
            switch destination {
            case .capture: return try pipeEnd(to: descriptor, childReads: false)
            case .discard: posix_spawn_file_actions_addopen(&actions, descriptor, "/dev/null", O_WRONLY, 0)
            case .appendToFile(let path): posix_spawn_file_actions_addopen(&actions, descriptor, path, O_WRONLY | O_CREAT | O_APPEND, 0o644)
            }
            return nil
        }
        do throws(SpawnFailure) {
            var inputEnd: Int32?
            if input.isEmpty {
                posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
            } else {
                inputEnd = try pipeEnd(to: 0, childReads: true)
            }
            let outputEnd = try route(output, to: 1)
            let errorsEnd = try route(errors, to: 2)
            let environment = child.environment ?? ProcessInfo.processInfo.environment
            let argv = ([child.executable.path] + child.arguments).map { strdup($0) } + [nil]
            let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
            defer { (argv + envp).forEach { free($0) } }
            var pid = pid_t()
            let spawned = posix_spawn(&pid, child.executable.path, &actions, nil, argv, envp)
            guard spawned == 0 else { throw SpawnFailure(reason: String(cString: strerror(spawned))) }
            return .success((pid, Streams(input: input, inputEnd: inputEnd, outputEnd: outputEnd, errorsEnd: errorsEnd)))
        } catch {
            parentEnds.forEach { close($0) }
            return .failure(error)
        }
    }

    /// Reaps `pid` and tells how it ended; nil once `deadline` has passed. Without a deadline it blocks
    /// in waitpid, otherwise it looks every millisecond.
    private static func waitForExit(_ pid: pid_t, until deadline: ContinuousClock.Instant?) -> ChildProcess.Ending? {
        var status: Int32 = 0
        while true {
            let reaped = waitpid(pid, &status, deadline == nil ? 0 : WNOHANG)
            if reaped == pid { return ending(of: status) }
            if reaped == -1 && errno != EINTR { return .notStarted("waitpid: \(lastError())") }
            if let deadline {
                if ContinuousClock.now >= deadline { return nil }
                usleep(1000)
            }
        }
    }

    private static func ending(of status: Int32) -> ChildProcess.Ending {
        let signal = status & 0x7f
        return signal == 0 ? .status((status >> 8) & 0xff) : .signal(signal)
    }

    private static func lastError() -> String { String(cString: strerror(errno)) }

    /// A pipe whose two ends are closed in any child, so that only the descriptors a child gets by
    /// dup2 stay open in it. Called under `spawning`, so no other run's spawn falls between the
    /// pipe and its close-on-exec flag.
    private static func closeOnExecPipe() -> (read: Int32, write: Int32)? {
        var ends: [Int32] = [-1, -1]
        guard pipe(&ends) == 0 else { return nil }
        ends.forEach { _ = fcntl($0, F_SETFD, FD_CLOEXEC) }
        return (ends[0], ends[1])
    }

    /// Held from the first pipe of a run to the spawn: a child started meanwhile by another run would
    /// inherit this run's pipe ends and keep them open (its output would then never end).
    private static let spawning = Mutex(())
}

/// The parent's ends of the child's pipes: input written as the child reads it, outputs read as it
/// writes them, so that neither side waits for the other.
private struct Streams {
    let input: Data
    var inputEnd: Int32?
    var outputEnd: Int32?
    var errorsEnd: Int32?
    var written = 0
    var output = Data()
    var errors = Data()

    init(input: Data, inputEnd: Int32?, outputEnd: Int32?, errorsEnd: Int32?) {
        self.input = input
        self.inputEnd = inputEnd
        self.outputEnd = outputEnd
        self.errorsEnd = errorsEnd
        // A child that dies before reading its input must not kill the parent with SIGPIPE.
        signal(SIGPIPE, SIG_IGN)
        [inputEnd, outputEnd, errorsEnd].compactMap { $0 }.forEach { _ = fcntl($0, F_SETFL, fcntl($0, F_GETFL) | O_NONBLOCK) }
    }

    /// Feeds and drains until the input is written and both outputs are at their end; false when
    /// `deadline` passed first.
    mutating func pump(until deadline: ContinuousClock.Instant?) -> Bool {
        while inputEnd != nil || outputEnd != nil || errorsEnd != nil {
            var descriptors: [pollfd] = []
            if let inputEnd { descriptors.append(pollfd(fd: inputEnd, events: Int16(POLLOUT), revents: 0)) }
            if let outputEnd { descriptors.append(pollfd(fd: outputEnd, events: Int16(POLLIN), revents: 0)) }
            if let errorsEnd { descriptors.append(pollfd(fd: errorsEnd, events: Int16(POLLIN), revents: 0)) }
            var milliseconds: Int32 = -1
            if let deadline {
                let left = deadline - ContinuousClock.now
                if left <= .zero { return false }
                milliseconds = Int32(clamping: left.components.seconds * 1000 + left.components.attoseconds / 1_000_000_000_000_000 + 1)
            }
            let ready = poll(&descriptors, nfds_t(descriptors.count), milliseconds)
            if ready == -1 && errno == EINTR { continue }
            if ready <= 0 { continue }
            for descriptor in descriptors where descriptor.revents != 0 {
                if descriptor.fd == inputEnd { feed() } else { drain(descriptor.fd) }
            }
        }
        return true
    }

    /// Reads whatever is available now from the outputs, after the child was killed.
    mutating func drainAvailable() {
        for descriptor in [outputEnd, errorsEnd].compactMap({ $0 }) { drain(descriptor) }
    }

    mutating func closeAll() {
        [inputEnd, outputEnd, errorsEnd].compactMap { $0 }.forEach { close($0) }
        (inputEnd, outputEnd, errorsEnd) = (nil, nil, nil)
    }

    private mutating func feed() {
        guard let end = inputEnd else { return }
        let count = input.withUnsafeBytes { bytes in write(end, bytes.baseAddress! + written, bytes.count - written) }
        if count > 0 { written += count }
        if written == input.count || (count == -1 && errno != EAGAIN && errno != EINTR) {
            close(end)
            inputEnd = nil
        }
    }

    private mutating func drain(_ end: Int32) {
        var buffer = [UInt8](repeating: 0, count: 65_536)
        while true {
            let count = read(end, &buffer, buffer.count)
            if count > 0 {
                if end == outputEnd { output.append(contentsOf: buffer[0..<count]) } else { errors.append(contentsOf: buffer[0..<count]) }
                continue
            }
            if count == -1 && errno == EINTR { continue }
            if count == -1 && errno == EAGAIN { return }
            // End of file or a read error: this stream is finished.
            close(end)
            if end == outputEnd { outputEnd = nil } else { errorsEnd = nil }
            return
        }
    }
}
