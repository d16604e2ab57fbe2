import Foundation

/// An OAuth 2.0 access token for Google APIs and when it stops working (nil: not known).
struct AccessToken: Sendable, Hashable {
    let value: String
    let expiresAt: Date?
}

/// One place a Google access token can come from (a key file, gcloud, the metadata server...).
protocol GoogleCredentialSource: Sendable {
    /// What the source is, for messages: "service-account key /path/key.json (GOOGLE_APPLICATION_CREDENTIALS)".
    var name: String { get }
    /// The project to bill API calls to (`x-goog-user-project`), when the credentials name one.
    var quotaProjectID: String? { get }
    /// A new access token; errors are `FineTuningError`s that name the source and never a secret.
    func fetchToken(now: Date) async throws -> AccessToken
}

extension GoogleCredentialSource {
    var quotaProjectID: String? { nil }
}
