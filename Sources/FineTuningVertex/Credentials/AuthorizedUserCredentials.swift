import FineTuning
import Foundation

/// Authorized-user credentials (`"type": "authorized_user"`, what `gcloud auth
/// application-default login` writes): the refresh token is exchanged for an access token.
struct AuthorizedUserCredentials: GoogleCredentialSource {
    let name: String
    let clientID: String
    let clientSecret: String
    let refreshToken: String
    let tokenURI: String
    let quotaProjectID: String?
    let exchange: OAuthTokenExchange

    init(json: JSONValue, name: String, exchange: OAuthTokenExchange) throws {
        func field(_ key: String) throws -> String {
            try CredentialsFile.requiredField(key, in: json, source: name, provider: exchange.provider)
        }
        self.name = name
        clientID = try field("client_id")
        clientSecret = try field("client_secret")
        refreshToken = try field("refresh_token")
        tokenURI = json["token_uri"]?.stringValue ?? ServiceAccountCredentials.defaultTokenURI
        quotaProjectID = json["quota_project_id"]?.stringValue
        self.exchange = exchange
    }

    func fetchToken(now: Date) async throws -> AccessToken {
        try await exchange.exchange(
            form: [("grant_type", "refresh_token"), ("client_id", clientID), ("client_secret", clientSecret), ("refresh_token", refreshToken)],
            tokenURI: tokenURI, source: name, now: now)
    }
}
