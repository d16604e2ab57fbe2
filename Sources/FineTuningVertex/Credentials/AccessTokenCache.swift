import FineTuning
import Foundation

/// Keeps a source's token until shortly before it expires (google-auth's 3 min 45 s margin),
/// then fetches a new one; concurrent callers share one fetch. The clock is injectable for tests.
actor AccessTokenCache {
    /// A token this close to its expiry is refreshed first.
    static let refreshMargin: Duration = .seconds(225)

    private let source: any GoogleCredentialSource
    private let clock: @Sendable () -> Date
    private var cached: AccessToken?
    private var inFlight: Task<AccessToken, any Error>?

    init(source: any GoogleCredentialSource, clock: @escaping @Sendable () -> Date = Date.init) {
        self.source = source
        self.clock = clock
    }

    /// A token that is valid for at least the refresh margin (or has no known expiry).
    func token() async throws -> AccessToken {
        let now = clock()
        if let cached, Self.isFresh(cached, now: now) { return cached }
        if let inFlight { return try await inFlight.value }
        let source = self.source
        let task = Task { try await source.fetchToken(now: now) }
        inFlight = task
        defer { inFlight = nil }
        let token = try await task.value
        cached = token
        return token
    }

    static func isFresh(_ token: AccessToken, now: Date) -> Bool {
        guard let expiresAt = token.expiresAt else { return true }
        return expiresAt.timeIntervalSince(now) > refreshMargin.inSeconds
    }
}
