import FineTuning
import FineTuningHTTP
import Foundation

/// `AWS_WEB_IDENTITY_TOKEN_FILE` + `AWS_ROLE_ARN`: the token file is exchanged for temporary
/// credentials with STS `AssumeRoleWithWebIdentity` (an unsigned call), read afresh on every refresh.
struct WebIdentityCredentials: AWSCredentialSource {
    let tokenFile: String
    let roleARN: String
    let sessionName: String
    let endpoint: URL
    let transport: any HTTPTransport
    let provider: String

    var name: String { "web identity (AWS_WEB_IDENTITY_TOKEN_FILE \(tokenFile), role \(roleARN))" }

    func fetch() async throws -> AWSCredentials {
        let token: String
        do {
            token = try String(contentsOfFile: tokenFile, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
        } catch {
            throw FineTuningError(.authentication, "AWS_WEB_IDENTITY_TOKEN_FILE \(tokenFile) cannot be read: \(error.localizedDescription)", provider: provider, parameter: "AWS_WEB_IDENTITY_TOKEN_FILE")
        }
        var form = URLComponents()
        form.queryItems = [
            URLQueryItem(name: "Action", value: "AssumeRoleWithWebIdentity"), URLQueryItem(name: "Version", value: "2011-06-15"),
            URLQueryItem(name: "RoleArn", value: roleARN), URLQueryItem(name: "RoleSessionName", value: sessionName),
            URLQueryItem(name: "WebIdentityToken", value: token),
        ]
        let body = (form.percentEncodedQuery ?? "").replacingOccurrences(of: "+", with: "%2B")
        let response = try await transport.send(HTTPRequest(
            method: .post, url: endpoint, headers: ["Content-Type": "application/x-www-form-urlencoded"], body: .data(Data(body.utf8)), isIdempotent: true))
        let text = String(decoding: response.body, as: UTF8.self)
        guard response.isSuccess else {
            let message = XMLText.first("Message", in: text) ?? "HTTP \(response.status)"
            throw FineTuningError(
                .authentication, "STS AssumeRoleWithWebIdentity for \(roleARN) failed: \(message)", provider: provider,
                httpStatus: response.status, providerCode: XMLText.first("Code", in: text))
        }
        guard let keyID = XMLText.first("AccessKeyId", in: text), let secret = XMLText.first("SecretAccessKey", in: text) else {
            throw FineTuningError(.authentication, "STS AssumeRoleWithWebIdentity answered without credentials", provider: provider, httpStatus: response.status)
        }
        return AWSCredentials(
            accessKeyID: keyID, secretAccessKey: secret, sessionToken: XMLText.first("SessionToken", in: text),
            expiration: XMLText.first("Expiration", in: text).flatMap(AWSDate.parse))
    }
}

/// The ECS / EKS Pod Identity container endpoint: `AWS_CONTAINER_CREDENTIALS_RELATIVE_URI` (on
/// 169.254.170.2) or `AWS_CONTAINER_CREDENTIALS_FULL_URI`, with `AWS_CONTAINER_AUTHORIZATION_TOKEN`
/// or `AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE` as the `Authorization` header.
struct ContainerCredentials: AWSCredentialSource {
    let url: URL
    let authorizationToken: String?
    let transport: any HTTPTransport
    let provider: String

    var name: String { "container credentials endpoint \(url.absoluteString)" }

    func fetch() async throws -> AWSCredentials {
        var headers = HTTPHeaders()
        if let authorizationToken { headers["Authorization"] = authorizationToken }
        let response = try await transport.send(HTTPRequest(method: .get, url: url, headers: headers, timeout: .seconds(5)))
        return try InstanceMetadataCredentials.decode(response, source: name, provider: provider)
    }
}

/// EC2 instance metadata, IMDSv2: a session token (`PUT /latest/api/token`), then the role name and
/// its credentials under `/latest/meta-data/iam/security-credentials/`.
struct InstanceMetadataCredentials: AWSCredentialSource {
    let endpoint: URL
    let transport: any HTTPTransport
    let provider: String
    /// IMDS answers within a millisecond on EC2; elsewhere nothing answers, so wait only briefly.
    static let timeout = Duration.seconds(1)

    var name: String { "EC2 instance metadata (IMDSv2) at \(endpoint.absoluteString)" }

    func fetch() async throws -> AWSCredentials {
        let token = try await sessionToken()
        let listing = endpoint.appendingPathComponent("latest/meta-data/iam/security-credentials/")
        let roles = try await transport.send(HTTPRequest(method: .get, url: listing, headers: ["X-aws-ec2-metadata-token": token], timeout: Self.timeout))
        guard roles.isSuccess, let role = String(decoding: roles.body, as: UTF8.self).split(whereSeparator: \.isNewline).first else {
            throw FineTuningError(.authentication, "\(name) has no IAM role attached to this instance (HTTP \(roles.status))", provider: provider, httpStatus: roles.status)
        }
        let response = try await transport.send(HTTPRequest(
            method: .get, url: listing.appendingPathComponent(String(role)), headers: ["X-aws-ec2-metadata-token": token], timeout: Self.timeout))
        return try Self.decode(response, source: name, provider: provider)
    }

    /// The IMDSv2 session token; throws when no metadata service answers.
    func sessionToken() async throws -> String {
        let response = try await transport.send(HTTPRequest(
            method: .put, url: endpoint.appendingPathComponent("latest/api/token"),
            headers: ["X-aws-ec2-metadata-token-ttl-seconds": "21600"], timeout: Self.timeout))
        guard response.isSuccess else {
            throw FineTuningError(.authentication, "\(name) refused a session token (HTTP \(response.status))", provider: provider, httpStatus: response.status)
        }
        return String(decoding: response.body, as: UTF8.self)
    }

    /// `{"AccessKeyId", "SecretAccessKey", "Token", "Expiration"}`, the shape IMDS and the container endpoint share.
    static func decode(_ response: HTTPResponse, source: String, provider: String) throws -> AWSCredentials {
        guard response.isSuccess, let document = try? JSONValue(parsing: response.body),
              let keyID = document["AccessKeyId"]?.stringValue, let secret = document["SecretAccessKey"]?.stringValue else {
            throw FineTuningError(.authentication, "\(source) answered HTTP \(response.status) without credentials", provider: provider, httpStatus: response.status)
        }
        return AWSCredentials(
            accessKeyID: keyID, secretAccessKey: secret, sessionToken: document["Token"]?.stringValue,
            expiration: document["Expiration"]?.stringValue.flatMap(AWSDate.parse))
    }
}
