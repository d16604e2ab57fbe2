import _CryptoExtras
import Crypto
import FineTuning
import Foundation

/// A service-account key file (`"type": "service_account"`): a JWT signed with the key (RS256)
/// is exchanged at the key's `token_uri` for an access token (RFC 7523 JWT bearer grant), the
/// flow of google-auth's `service_account.Credentials`.
struct ServiceAccountCredentials: GoogleCredentialSource {
    static let scope = "https://www.googleapis.com/auth/cloud-platform"
    static let defaultTokenURI = "https://oauth2.googleapis.com/token"
    /// Lifetime asked for in the JWT (Google's maximum).
    static let lifetime: TimeInterval = 3600

    let name: String
    let clientEmail: String
    let privateKeyID: String?
    let privateKey: _RSA.Signing.PrivateKey
    let tokenURI: String
    let quotaProjectID: String?
    let exchange: OAuthTokenExchange

    /// Reads the key file's JSON; `name` says where it came from.
    init(json: JSONValue, name: String, exchange: OAuthTokenExchange) throws {
        func field(_ key: String) throws -> String {
            try CredentialsFile.requiredField(key, in: json, source: name, provider: exchange.provider)
        }
        self.name = name
        clientEmail = try field("client_email")
        do {
            privateKey = try _RSA.Signing.PrivateKey(pemRepresentation: try field("private_key"))
        } catch let error as FineTuningError {
            throw error
        } catch {
            throw FineTuningError(
                .configuration, "\(name): 'private_key' is not a PEM RSA private key of 2048 bits or more", provider: exchange.provider, parameter: "private_key")
        }
        privateKeyID = json["private_key_id"]?.stringValue
        tokenURI = json["token_uri"]?.stringValue ?? Self.defaultTokenURI
        quotaProjectID = json["quota_project_id"]?.stringValue
        self.exchange = exchange
    }

    func fetchToken(now: Date) async throws -> AccessToken {
        try await exchange.exchange(
            form: [("grant_type", "urn:ietf:params:oauth:grant-type:jwt-bearer"), ("assertion", try assertion(now: now))],
            tokenURI: tokenURI, source: name, now: now)
    }

    /// The signed JWT: header {alg RS256, typ JWT, kid}, claims {iss, scope, aud = token_uri, iat, exp}.
    func assertion(now: Date) throws -> String {
        let issuedAt = Int64(now.timeIntervalSince1970)
        var header: [String: JSONValue] = ["alg": "RS256", "typ": "JWT"]
        if let privateKeyID { header["kid"] = .string(privateKeyID) }
        let claims: JSONValue = [
            "iss": .string(clientEmail), "scope": .string(Self.scope), "aud": .string(tokenURI),
            "iat": .integer(issuedAt), "exp": .integer(issuedAt + Int64(Self.lifetime)),
        ]
        let signingInput = Base64URL.encode(JSONValue.object(header).serialized()) + "." + Base64URL.encode(claims.serialized())
        let signature = try privateKey.signature(for: Data(signingInput.utf8), padding: .insecurePKCS1v1_5)
        return signingInput + "." + Base64URL.encode(signature.rawRepresentation)
    }
}
