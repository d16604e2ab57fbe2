import FineTuning
import Foundation
import Testing

/// The one child-process mechanism of the plugin host and the llama.cpp backend, run against real
/// processes (`/bin/sh`).
@Suite struct ChildProcessTests {
    func shell(_ script: String) -> ChildProcess {
        ChildProcess(executable: URL(fileURLWithPath: "/bin/sh"), arguments: ["-c", script])
    }

    @Test func theInputIsFedWhileBothOutputsAreCaptured() async {
        // Larger than a pipe's buffer both ways: feeding and draining must interleave.
        let input = Data((0..<300_000).map { UInt8($0 % 251) })
        let (ending, output, errors) = await shell("cat; echo done >&2").run(input: input)
        #expect(ending == .status(0))
        // Compared as one Bool: a failing comparison of two 300 kB values would make the test
        // library compute their difference for minutes.
        let echoed = output == input
        #expect(echoed, "the child echoed \(output.count) of \(input.count) bytes")
        #expect(errors == Data("done\n".utf8))
    }

    @Test func theExitStatusOrTheSignalIsTold() async {
        #expect(await shell("exit 3").run().ending == .status(3))
        #expect(await shell("kill -SEGV $$").run().ending == .signal(SIGSEGV))
        #expect(ChildProcess.Ending.signal(SIGKILL).exitStatus == 128 + SIGKILL)
        #expect(ChildProcess.Ending.timedOut.exitStatus == nil)
    }

    @Test func aChildStillRunningAtItsTimeoutIsKilledKeepingWhatItWrote() async {
        let started = ContinuousClock.now
        // Returning at all before the child's 120 s proves the kill; the bound leaves a loaded machine
        // (children queued behind the suite's other runs) ample time to start and reap it.
        let (ending, output, _) = await shell("echo before; exec sleep 120").run(timeout: .milliseconds(300))
        #expect(ending == .timedOut)
        #expect(output == Data("before\n".utf8))
        #expect(ContinuousClock.now - started < .seconds(100), "the 120 s child was not killed at its timeout")
    }

    @Test func outputCanBeAppendedToAFileOrDiscarded() async throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("child-process-\(UUID().uuidString).log")
        defer { try? FileManager.default.removeItem(at: file) }
        try Data("earlier\n".utf8).write(to: file)
        let (ending, output, errors) = await shell("echo later; echo noise >&2").run(output: .appendToFile(file.path), errors: .discard)
        #expect(ending == .status(0))
        #expect(output.isEmpty && errors.isEmpty)
        #expect(try String(contentsOf: file, encoding: .utf8) == "earlier\nlater\n")
    }

    @Test func aMissingExecutableIsNotStartedWithTheReason() async {
        let (ending, _, _) = await ChildProcess(executable: URL(fileURLWithPath: "/nonexistent/tool"), arguments: []).run()
        #expect(ending == .notStarted(String(cString: strerror(ENOENT))))
    }

    /// Runs started together each get their own output and end: no child holds another's pipes.
    @Test func concurrentRunsKeepTheirOutputsApart() async {
        let outputs = await withTaskGroup(of: (Int, String).self) { group in
            for index in 0..<12 {
                group.addTask { (index, String(decoding: await shell("echo \(index)").run().output, as: UTF8.self)) }
            }
            return await group.reduce(into: [Int: String]()) { $0[$1.0] = $1.1 }
        }
        #expect(outputs == Dictionary(uniqueKeysWithValues: (0..<12).map { ($0, "\($0)\n") }))
    }
}
