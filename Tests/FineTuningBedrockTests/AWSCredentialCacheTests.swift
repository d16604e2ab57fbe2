import FineTuning
import Foundation
import Synchronization
import Testing

@testable import FineTuningBedrock

/// Temporary credentials are reused until five minutes before the expiry their source stated, then
/// fetched again; the cache reads the time from the clock it is given.
@Suite struct AWSCredentialCacheTests {
    /// Hands out credentials numbered from 1, each expiring an hour after `issued`.
    final class NumberedSource: AWSCredentialSource {
        let name = "numbered"
        let issued: Date
        private let fetches = Mutex(0)

        init(issued: Date) {
            self.issued = issued
        }

        var fetchCount: Int { fetches.withLock { $0 } }

        func fetch() async throws -> AWSCredentials {
            let number = fetches.withLock { count in
                count += 1
                return count
            }
            return AWSCredentials(accessKeyID: "ASIA\(number)", secretAccessKey: "secret", sessionToken: "token", expiration: issued.addingTimeInterval(3600))
        }
    }

    /// A wall clock the test moves.
    final class SetClock: Sendable {
        private let date: Mutex<Date>

        init(_ date: Date) {
            self.date = Mutex(date)
        }

        var now: Date { date.withLock { $0 } }

        func set(_ new: Date) {
            date.withLock { $0 = new }
        }
    }

    @Test func credentialsAreKeptUntilTheRefreshMarginBeforeTheirExpiry() async throws {
        let issued = Date(timeIntervalSince1970: 1_800_000_000)
        let expiry = issued.addingTimeInterval(3600)
        let source = NumberedSource(issued: issued)
        let clock = SetClock(issued)
        let cache = AWSCredentialCache(now: { clock.now }) { source }

        #expect(try await cache.credentials().accessKeyID == "ASIA1")
        clock.set(expiry.addingTimeInterval(-AWSCredentialCache.refreshMargin.inSeconds - 1))
        #expect(try await cache.credentials().accessKeyID == "ASIA1")
        #expect(source.fetchCount == 1)

        clock.set(expiry.addingTimeInterval(-AWSCredentialCache.refreshMargin.inSeconds + 1))
        #expect(try await cache.credentials().accessKeyID == "ASIA2")
        #expect(source.fetchCount == 2)
    }
}
