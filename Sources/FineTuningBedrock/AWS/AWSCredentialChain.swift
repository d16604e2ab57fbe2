import FineTuning
import FineTuningHTTP
import Foundation

/// Finds AWS credentials the way AWS SDKs do, first match wins:
/// 1. the environment: `AWS_ACCESS_KEY_ID`, `AWS_SECRET_ACCESS_KEY`, `AWS_SESSION_TOKEN`;
/// 2. the shared files `~/.aws/credentials` and `~/.aws/config` (`AWS_SHARED_CREDENTIALS_FILE`,
///    `AWS_CONFIG_FILE`), profile `AWS_PROFILE` or `default`;
/// 3. web identity: `AWS_WEB_IDENTITY_TOKEN_FILE` + `AWS_ROLE_ARN` through STS;
/// 4. the container endpoint: `AWS_CONTAINER_CREDENTIALS_RELATIVE_URI` or `..._FULL_URI`;
/// 5. EC2 instance metadata (IMDSv2), unless `AWS_EC2_METADATA_DISABLED=true`.
/// When none applies, the error lists every source tried and what to set.
struct AWSCredentialChain: Sendable {
    let environment: [String: String]
    /// Unsigned calls (STS, container endpoint, IMDS) go through this transport.
    let transport: any HTTPTransport
    let provider: String
    /// Where STS is reached (`AWS_ENDPOINT_URL_STS`, `AWS_ENDPOINT_URL`, else the regional endpoint).
    let stsEndpoint: URL

    func resolve() async throws -> any AWSCredentialSource {
        var tried: [String] = []
        let keyID = value("AWS_ACCESS_KEY_ID"), secret = value("AWS_SECRET_ACCESS_KEY")
        switch (keyID, secret) {
        case let (keyID?, secret?):
            return StaticAWSCredentials(
                name: "environment", credentials: AWSCredentials(accessKeyID: keyID, secretAccessKey: secret, sessionToken: value("AWS_SESSION_TOKEN")))
        case (_?, nil), (nil, _?):
            throw FineTuningError(
                .configuration, "AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY must be set together: only \(keyID == nil ? "AWS_SECRET_ACCESS_KEY" : "AWS_ACCESS_KEY_ID") is set",
                provider: provider, parameter: keyID == nil ? "AWS_ACCESS_KEY_ID" : "AWS_SECRET_ACCESS_KEY")
        case (nil, nil):
            tried.append("environment: AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY not set")
        }

        let shared = AWSSharedConfig(environment: environment)
        let profileName = value("AWS_PROFILE") ?? "default"
        if let profile = shared.profile(profileName) {
            if let keyID = profile["aws_access_key_id"], let secret = profile["aws_secret_access_key"] {
                return StaticAWSCredentials(
                    name: "profile \(profileName) in \(shared.credentialsPath)",
                    credentials: AWSCredentials(accessKeyID: keyID, secretAccessKey: secret, sessionToken: profile["aws_session_token"]))
            }
            if let roleARN = profile["role_arn"], let tokenFile = profile["web_identity_token_file"] {
                return webIdentity(tokenFile: tokenFile, roleARN: roleARN, sessionName: profile["role_session_name"])
            }
            tried.append("profile \(profileName) (\(shared.credentialsPath), \(shared.configPath)): no aws_access_key_id / aws_secret_access_key")
        } else if value("AWS_PROFILE") != nil {
            throw FineTuningError(
                .configuration, "AWS_PROFILE names profile '\(profileName)', which neither \(shared.credentialsPath) nor \(shared.configPath) defines",
                provider: provider, parameter: "AWS_PROFILE")
        } else {
            tried.append("shared files: no [default] profile in \(shared.credentialsPath) or \(shared.configPath)")
        }

        if let tokenFile = value("AWS_WEB_IDENTITY_TOKEN_FILE") {
            guard let roleARN = value("AWS_ROLE_ARN") else {
                throw FineTuningError(.configuration, "AWS_WEB_IDENTITY_TOKEN_FILE is set but AWS_ROLE_ARN is not: set the role to assume", provider: provider, parameter: "AWS_ROLE_ARN")
            }
            return webIdentity(tokenFile: tokenFile, roleARN: roleARN, sessionName: value("AWS_ROLE_SESSION_NAME"))
        }
        tried.append("web identity: AWS_WEB_IDENTITY_TOKEN_FILE not set")

        if let container = try containerCredentials() { return container }
        tried.append("container endpoint: AWS_CONTAINER_CREDENTIALS_RELATIVE_URI and AWS_CONTAINER_CREDENTIALS_FULL_URI not set")

        if value("AWS_EC2_METADATA_DISABLED")?.lowercased() != "true" {
            let endpoint = URL(string: value("AWS_EC2_METADATA_SERVICE_ENDPOINT") ?? "http://169.254.169.254")!
            let imds = InstanceMetadataCredentials(endpoint: endpoint, transport: transport, provider: provider)
            do {
                _ = try await imds.sessionToken()
                return imds
            } catch {
                tried.append("EC2 instance metadata: no answer from \(endpoint.absoluteString)")
            }
        } else {
            tried.append("EC2 instance metadata: AWS_EC2_METADATA_DISABLED=true")
        }
        throw FineTuningError(
            .authentication,
            "no AWS credentials found for provider '\(provider)'. Set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (and AWS_SESSION_TOKEN for temporary keys), set AWS_PROFILE to a profile in ~/.aws/credentials, or set AWS_WEB_IDENTITY_TOKEN_FILE and AWS_ROLE_ARN",
            provider: provider, details: ["sources tried:"] + tried.map { "- " + $0 })
    }

    private func webIdentity(tokenFile: String, roleARN: String, sessionName: String?) -> WebIdentityCredentials {
        WebIdentityCredentials(
            tokenFile: tokenFile, roleARN: roleARN, sessionName: sessionName ?? "finetune-\(Int(Date().timeIntervalSince1970))",
            endpoint: stsEndpoint, transport: transport, provider: provider)
    }

    private func containerCredentials() throws -> ContainerCredentials? {
        let url: URL
        if let relative = value("AWS_CONTAINER_CREDENTIALS_RELATIVE_URI") {
            url = URL(string: "http://169.254.170.2" + relative)!
        } else if let full = value("AWS_CONTAINER_CREDENTIALS_FULL_URI") {
            guard let parsed = URL(string: full), parsed.scheme != nil else {
                throw FineTuningError(.configuration, "AWS_CONTAINER_CREDENTIALS_FULL_URI '\(full)' is not a URL", provider: provider, parameter: "AWS_CONTAINER_CREDENTIALS_FULL_URI")
            }
            url = parsed
        } else {
            return nil
        }
        var token = value("AWS_CONTAINER_AUTHORIZATION_TOKEN")
        if token == nil, let file = value("AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE") {
            token = (try? String(contentsOfFile: file, encoding: .utf8))?.trimmingCharacters(in: .whitespacesAndNewlines)
        }
        return ContainerCredentials(url: url, authorizationToken: token, transport: transport, provider: provider)
    }

    private func value(_ name: String) -> String? {
        guard let value = environment[name], !value.isEmpty else { return nil }
        return value
    }
}
