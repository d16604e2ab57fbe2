import FineTuning
import Foundation
import Testing

@testable import FineTuningHTTP

@Suite struct IdempotentCreateTests {
    /// Counts calls and throws the scripted errors in order, then succeeds.
    final class Script: @unchecked Sendable {
        // Guarded by `lock`: called from the task running the create.
        private let lock = NSLock()
        private var errors: [FineTuningError]
        private(set) var creates = 0
        private(set) var lookups = 0

        init(_ errors: [FineTuningError]) { self.errors = errors }

        func create() throws -> String {
            lock.lock()
            defer { lock.unlock() }
            creates += 1
            if !errors.isEmpty { throw errors.removeFirst() }
            return "job-\(creates)"
        }

        func lookup() -> String? {
            lock.lock()
            defer { lock.unlock() }
            lookups += 1
            return nil
        }
    }

    func run(_ script: Script) async throws -> String {
        try await IdempotentCreate.run(
            backoff: SleepRecorder().backoff, create: { try script.create() }, lookup: { script.lookup() })
    }

    @Test func looksUpBeforeResendingAfterAnAmbiguousFailure() async throws {
        let script = Script([TransportFailure.connectionLost.error("reset")])
        #expect(try await run(script) == "job-2")
        #expect(script.lookups == 1)
    }

    @Test func resendsWithoutLookupWhenNothingWasSent() async throws {
        let script = Script([TransportFailure.connectionRefused.error("refused")])
        #expect(try await run(script) == "job-2")
        #expect(script.lookups == 0)
    }

    @Test func replayMissesAreFinal() async throws {
        let script = Script([TransportFailure.notRecorded.error("no recorded response")])
        let error = await fineTuningError { _ = try await run(script) }
        #expect(error?.transportFailure == .notRecorded)
        #expect(script.creates == 1 && script.lookups == 0)
    }

    @Test func errorExcerptsAreRedacted() {
        let excerpt = HTTPErrorMapping.bodyExcerpt(Data(#"{"error":"invalid key sk-abcdefghijklmnop"}"#.utf8))
        #expect(excerpt == #"body starts: {"error":"invalid key REDACTED"}"#)
    }
}
