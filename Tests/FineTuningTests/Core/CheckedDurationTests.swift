import FineTuning
import Foundation
import Testing

/// Numbers of seconds from outside become durations only when finite and sane; `Duration.seconds(1e300)`
/// traps, so a plugin's or a server's document must never reach it unchecked.
@Suite struct CheckedDurationTests {
    @Test func onlyFiniteSaneSecondsBecomeDurations() {
        #expect(Duration.checkedSeconds(1.5) == .milliseconds(1500))
        for bad in [Double.nan, .infinity, -1, 1e300, 2e9] { #expect(Duration.checkedSeconds(bad) == nil, "\(bad)") }
    }

    @Test func anErrorDocumentWithAHugeRetryAfterIsADecodingErrorNotATrap() throws {
        let huge = #"{"code":"rate_limited","message":"slow down","retry_after":1e300}"#
        #expect(throws: DecodingError.self) { try WireFormat.decoder().decode(FineTuningError.self, from: Data(huge.utf8)) }
        let fine = #"{"code":"rate_limited","message":"slow down","retry_after":5}"#
        #expect(try WireFormat.decoder().decode(FineTuningError.self, from: Data(fine.utf8)).retryAfter == .seconds(5))
    }
}
