import FineTuning
import FineTuningHTTP
import FineTuningTestSupport
import Foundation
import Testing

@testable import FineTuningBedrock

/// The AWS credential chain's order and errors: environment, shared files with a profile, the
/// container endpoint and IMDSv2 (both served by a real HTTP server on 127.0.0.1), and the error
/// that lists every source tried.
@Suite struct AWSCredentialChainTests {
    private func chain(_ environment: [String: String]) -> AWSCredentialChain {
        AWSCredentialChain(environment: environment, transport: CurlTransport(), provider: "bedrock", stsEndpoint: URL(string: "http://127.0.0.1:9")!)
    }

    private func emptyHome() throws -> String {
        let home = FileManager.default.temporaryDirectory.appendingPathComponent("aws-home-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: home.appendingPathComponent(".aws"), withIntermediateDirectories: true)
        return home.path
    }

    @Test func environmentComesFirst() async throws {
        let home = try emptyHome()
        try "[default]\naws_access_key_id = FROMFILE\naws_secret_access_key = file-secret\n".write(toFile: home + "/.aws/credentials", atomically: true, encoding: .utf8)
        let source = try await chain(["HOME": home, "AWS_ACCESS_KEY_ID": "FROMENV", "AWS_SECRET_ACCESS_KEY": "env-secret", "AWS_SESSION_TOKEN": "token"]).resolve()
        let credentials = try await source.fetch()
        #expect(credentials == AWSCredentials(accessKeyID: "FROMENV", secretAccessKey: "env-secret", sessionToken: "token"))
    }

    @Test func halfSetEnvironmentIsAConfigurationError() async throws {
        await #expect(throws: FineTuningError.self) { try await chain(["HOME": try emptyHome(), "AWS_ACCESS_KEY_ID": "ONLYID"]).resolve() }
    }

    @Test func profileFromSharedFiles() async throws {
        let home = try emptyHome()
        try """
            [default]
            aws_access_key_id = DEFAULTID
            aws_secret_access_key = default-secret
            # a comment
            [dev]
            aws_access_key_id = DEVID
            aws_secret_access_key = dev-secret
            aws_session_token = dev-token
            """.write(toFile: home + "/.aws/credentials", atomically: true, encoding: .utf8)
        try "[profile dev]\nregion = eu-central-1\n".write(toFile: home + "/.aws/config", atomically: true, encoding: .utf8)
        let credentials = try await chain(["HOME": home, "AWS_PROFILE": "dev"]).resolve().fetch()
        #expect(credentials == AWSCredentials(accessKeyID: "DEVID", secretAccessKey: "dev-secret", sessionToken: "dev-token"))
        #expect(try BedrockSettings(environment: ["HOME": home, "AWS_PROFILE": "dev"]).region == "eu-central-1")
        let fallback = try await chain(["HOME": home]).resolve().fetch()
        #expect(fallback.accessKeyID == "DEFAULTID")
        do {
            _ = try await chain(["HOME": home, "AWS_PROFILE": "missing"]).resolve()
            Issue.record("an unknown profile resolved")
        } catch let error as FineTuningError {
            #expect(error.code == .configuration)
            #expect(error.parameter == "AWS_PROFILE")
        }
    }

    @Test func containerEndpointWithAuthorizationToken() async throws {
        let server = try TestHTTPServer { request in
            guard request.path == "/creds", request.headers.contains(where: { $0.name.lowercased() == "authorization" && $0.value == "container-token" }) else {
                return .json("{}", status: 401)
            }
            return .json(#"{"AccessKeyId":"CONTAINERID","SecretAccessKey":"container-secret","Token":"container-session","Expiration":"2030-01-01T00:00:00Z"}"#)
        }
        defer { server.stop() }
        let source = try await chain([
            "HOME": try emptyHome(), "AWS_CONTAINER_CREDENTIALS_FULL_URI": server.url("/creds").absoluteString, "AWS_CONTAINER_AUTHORIZATION_TOKEN": "container-token",
        ]).resolve()
        let credentials = try await source.fetch()
        #expect(credentials.accessKeyID == "CONTAINERID")
        #expect(credentials.sessionToken == "container-session")
        #expect(credentials.expiration == AWSDate.parse("2030-01-01T00:00:00Z"))
    }

    @Test func instanceMetadataV2() async throws {
        let server = try TestHTTPServer { request in
            switch (request.method, request.path) {
            case ("PUT", "/latest/api/token"): return .text("imds-session")
            case ("GET", "/latest/meta-data/iam/security-credentials/"):
                return request.headers.contains { $0.value == "imds-session" } ? .text("InstanceRole") : .text("", status: 401)
            case ("GET", "/latest/meta-data/iam/security-credentials/InstanceRole"):
                return .json(#"{"Code":"Success","AccessKeyId":"IMDSID","SecretAccessKey":"imds-secret","Token":"imds-token","Expiration":"2030-01-01T00:00:00Z"}"#)
            default: return .text("", status: 404)
            }
        }
        defer { server.stop() }
        let source = try await chain(["HOME": try emptyHome(), "AWS_EC2_METADATA_SERVICE_ENDPOINT": server.url("/").absoluteString]).resolve()
        #expect(source is InstanceMetadataCredentials)
        #expect(try await source.fetch().accessKeyID == "IMDSID")
    }

    @Test func nothingFoundListsEverySourceTried() async throws {
        do {
            _ = try await chain(["HOME": try emptyHome(), "AWS_EC2_METADATA_DISABLED": "true"]).resolve()
            Issue.record("credentials were found in an empty environment")
        } catch let error as FineTuningError {
            #expect(error.code == .authentication)
            #expect(error.message.contains("Set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY"))
            let tried = error.details.joined(separator: "\n")
            for source in ["environment", "shared files", "web identity", "container endpoint", "EC2 instance metadata"] {
                #expect(tried.contains(source), "\(source) missing from \(tried)")
            }
        }
    }
}
