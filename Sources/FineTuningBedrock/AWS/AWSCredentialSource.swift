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

/// Fetches credentials once and again shortly before they expire.
actor AWSCredentialCache {
    private let resolve: @Sendable () async throws -> any AWSCredentialSource
    private var source: (any AWSCredentialSource)?
    private var cached: AWSCredentials?
    /// Temporary credentials are renewed this long before they expire.
    static let refreshMargin: TimeInterval = 300

    init(resolve: @escaping @Sendable () async throws -> any AWSCredentialSource) {
        self.resolve = resolve
    }

    init(_ credentials: AWSCredentials) {
        self.init { StaticAWSCredentials(name: "given", credentials: credentials) }
    }

    func credentials() async throws -> AWSCredentials {
        if let cached, !cached.expires(within: Self.refreshMargin, of: Date()) { return cached }
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
