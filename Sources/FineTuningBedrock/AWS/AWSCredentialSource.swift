import Foundation

/// One place AWS credentials come from (environment, shared files, web identity, container, IMDS).
protocol AWSCredentialSource: Sendable {
    /// How the source is named in messages (`environment`, `profile dev in ~/.aws/credentials`).
    var name: String { get }
    func fetch() async throws -> AWSCredentials
}

/// Credentials known up front: the environment's or a profile's keys.
struct StaticAWSCredentials: AWSCredentialSource {
    let name: String
    let credentials: AWSCredentials

    func fetch() async throws -> AWSCredentials { credentials }
}

/// Fetches credentials once and again shortly before they expire. Expiry is a wall-clock time (the
/// one STS or the metadata service states), so the clock is `now`, injectable for tests.
actor AWSCredentialCache {
    private let resolve: @Sendable () async throws -> any AWSCredentialSource
    private let now: @Sendable () -> Date
    private var source: (any AWSCredentialSource)?
    private var cached: AWSCredentials?
    /// Temporary credentials are renewed this long before they expire.
    static let refreshMargin: Duration = .seconds(300)

    init(now: @escaping @Sendable () -> Date = Date.init, resolve: @escaping @Sendable () async throws -> any AWSCredentialSource) {
        self.now = now
        self.resolve = resolve
    }

    init(_ credentials: AWSCredentials) {
        self.init { StaticAWSCredentials(name: "given", credentials: credentials) }
    }

    func credentials() async throws -> AWSCredentials {
        if let cached, !cached.expires(within: Self.refreshMargin, of: now()) { return cached }
        let current: any AWSCredentialSource
        if let source { current = source } else {
            current = try await resolve()
            source = current
        }
        let fresh = try await current.fetch()
        cached = fresh
        return fresh
    }
}
