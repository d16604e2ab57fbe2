import FineTuning
import Foundation
import Synchronization
import Testing

@testable import FineTuningHTTP

@Suite struct IdempotentCreateTests {
    /// Counts calls and throws the scripted errors in order, then succeeds.
    final class Script: Sendable {
        private struct State {
            var errors: [FineTuningError]
            var creates = 0
            var lookups = 0
        }
        // Called from the task running the create.
        private let state: Mutex<State>

        init(_ errors: [FineTuningError]) { state = Mutex(State(errors: errors)) }

        var creates: Int { state.withLock { $0.creates } }
        var lookups: Int { state.withLock { $0.lookups } }

        func create() throws -> String {
            try state.withLock { state in
                state.creates += 1
                if !state.errors.isEmpty { throw state.errors.removeFirst() }
                return "job-\(state.creates)"
            }
        }

        func lookup() -> String? {
            state.withLock { state in
                state.lookups += 1
                return nil
            }
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
