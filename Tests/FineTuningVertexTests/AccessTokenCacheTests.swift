import FineTuning
import Foundation
import Synchronization
import Testing
@testable import FineTuningVertex

@Suite struct AccessTokenCacheTests {
    /// Counts fetches; each takes a moment so concurrent callers overlap.
    final class CountingSource: GoogleCredentialSource, Sendable {
        let name = "counting source"
        let lifetime: TimeInterval?
        private let count = Mutex(0)

        init(lifetime: TimeInterval?) {
            self.lifetime = lifetime
        }

        var fetches: Int { count.withLock { $0 } }

        func fetchToken(now: Date) async throws -> AccessToken {
            let number = count.withLock { $0 += 1; return $0 }
            try await Task.sleep(nanoseconds: 50_000_000)
            return AccessToken(value: "token-\(number)", expiresAt: lifetime.map { now.addingTimeInterval($0) })
        }
    }

    @Test func concurrentCallersShareOneFetch() async throws {
        let source = CountingSource(lifetime: 3600)
        let cache = AccessTokenCache(source: source)
        let tokens = try await withThrowingTaskGroup(of: String.self) { group in
            for _ in 0..<8 { group.addTask { try await cache.token().value } }
            return try await group.reduce(into: Set<String>()) { $0.insert($1) }
        }
        #expect(tokens == ["token-1"])
        #expect(source.fetches == 1)
    }

    @Test func aTokenWithoutExpiryIsKeptAndOneNearExpiryIsRenewed() async throws {
        let clock = TestClock(start: Date(timeIntervalSince1970: 0))
        let forever = CountingSource(lifetime: nil)
        let kept = AccessTokenCache(source: forever, clock: clock.now)
        _ = try await kept.token()
        clock.advance(by: 1_000_000)
        _ = try await kept.token()
        #expect(forever.fetches == 1)

        let short = CountingSource(lifetime: 200)
        let renewed = AccessTokenCache(source: short, clock: clock.now)
        #expect(try await renewed.token().value == "token-1")
        #expect(try await renewed.token().value == "token-2", "a token within the 225 s margin is never handed out")
    }
}
