import FineTuning
import Foundation
import Testing

@testable import FineTuningHTTP

/// A server's retry-after numbers become a `Duration` only when finite and sane: "inf" or "1e300" once
/// would have trapped the client.
@Suite struct RetryAfterParsingTests {
    @Test(arguments: [
        ("retry-after", "inf", nil), ("retry-after", "nan", nil), ("retry-after", "-5", nil), ("retry-after", "1e300", 86_400.0),
        ("retry-after-ms", "1e300", 86_400.0), ("retry-after-ms", "inf", nil), ("retry-after-ms", "1500", 1.5), ("retry-after", "7", 7.0),
    ] as [(String, String, Double?)])
    func outlandishValuesNeverTrap(name: String, value: String, seconds: Double?) {
        #expect(HTTPErrorMapping.retryAfter(HTTPHeaders([(name, value)]))?.inSeconds == seconds)
    }
}
