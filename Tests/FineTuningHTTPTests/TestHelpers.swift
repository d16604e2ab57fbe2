import FineTuning
import FineTuningHTTP
import FineTuningTestSupport
import Foundation
import Testing

/// Collects the delays a retry policy asks for instead of sleeping.
struct SleepRecorder: Sendable {
    let clock = ImmediateClock()

    /// The pauses taken, in seconds.
    var delays: [Double] { clock.sleeps.map(\.inSeconds) }

    var backoff: RetryBackoff { RetryBackoff(clock: clock) }
}

/// Runs `body` and returns the FineTuningError it threw (nil when it did not throw one).
func fineTuningError(_ body: () async throws -> Void) async -> FineTuningError? {
    do {
        try await body()
        return nil
    } catch {
        return error as? FineTuningError
    }
}

/// A fresh temporary directory, removed by `cleanup`.
struct TemporaryDirectory {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("FineTuningHTTPTests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    func file(_ name: String, contents: String) throws -> URL {
        let file = url.appendingPathComponent(name)
        try Data(contents.utf8).write(to: file)
        return file
    }

    func cleanup() {
        try? FileManager.default.removeItem(at: url)
    }
}

/// The resident set size of this process, in bytes; nil where `/proc/self/statm` is absent (not Linux).
func residentMemory() -> Int? {
    guard let statm = try? String(contentsOfFile: "/proc/self/statm", encoding: .utf8),
          let pages = statm.split(separator: " ").dropFirst().first.flatMap({ Int($0) }) else { return nil }
    return pages * Int(sysconf(Int32(_SC_PAGESIZE)))
}

/// True where `residentMemory()` can measure: memory tests are skipped elsewhere, with this reason.
let residentMemoryIsMeasurable = residentMemory() != nil
let residentMemoryUnmeasurable: Comment = "no /proc/self/statm: this platform's resident memory is not measured"
