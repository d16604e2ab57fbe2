import Foundation

/// An access token given outright (`VERTEX_ACCESS_TOKEN`): used as it is, never refreshed.
struct ExplicitTokenCredentials: GoogleCredentialSource {
    let token: String
    let name = "access token from VERTEX_ACCESS_TOKEN"

    func fetchToken(now: Date) async throws -> AccessToken {
        AccessToken(value: token, expiresAt: nil)
    }
}
