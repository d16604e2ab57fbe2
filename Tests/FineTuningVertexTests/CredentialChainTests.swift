import _CryptoExtras
import FineTuning
import FineTuningHTTP
import FineTuningTestSupport
import Foundation
import Synchronization
import Testing
@testable import FineTuningVertex

/// The credential chain over real HTTP: a token endpoint and a metadata server on loopback, key
/// files written to a temporary folder, a test RSA key generated here (never committed).
@Suite(.serialized) struct CredentialChainTests {
    /// An environment in which no source applies unless the test adds one.
    private func environment(_ home: URL, _ extra: [String: String] = [:]) -> [String: String] {
        ["HOME": home.path, "PATH": home.path].merging(extra) { $1 }
    }

    private func chain(_ environment: [String: String], transport: any HTTPTransport = CurlTransport()) -> CredentialChain {
        var chain = CredentialChain(environment: environment, exchange: OAuthTokenExchange(transport: transport, provider: "vertex_ai"))
        chain.productNamePath = "/nonexistent/product_name"
        return chain
    }

    private func write(_ json: JSONValue, to url: URL) throws {
        try json.serialized().write(to: url)
    }

    @Test func serviceAccountJWTIsSignedVerifiedCachedAndRefreshed() async throws {
        let key = try _RSA.Signing.PrivateKey(keySize: .bits2048)
        let server = try TestHTTPServer { request in
            .json(#"{"access_token":"ya29.token-\#(request.connection)-\#(request.bodyByteCount)","expires_in":3599,"token_type":"Bearer"}"#)
        }
        defer { server.stop() }
        let home = try VertexTestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: home) }
        let tokenURI = server.url("/token").absoluteString
        let keyFile = home.appendingPathComponent("key.json")
        try write([
            "type": "service_account", "project_id": "key-project", "private_key_id": "kid-123",
            "private_key": .string(key.pkcs8PEMRepresentation), "client_email": "tuner@key-project.iam.gserviceaccount.com",
            "client_id": "1234567890", "token_uri": .string(tokenURI),
        ], to: keyFile)

        let resolved = chain(environment(home, ["GOOGLE_APPLICATION_CREDENTIALS": keyFile.path]))
        #expect(resolved.projectHint == "key-project")
        let source = try resolved.resolve()
        #expect(source is ServiceAccountCredentials)
        let clock = TestClock(start: Date(timeIntervalSince1970: 1_800_000_000))
        let cache = AccessTokenCache(source: source, clock: clock.now)

        let first = try await cache.token()
        #expect(first.value.hasPrefix("ya29.token-"))
        #expect(try await cache.token() == first)
        #expect(server.requests.count == 1)

        let request = try #require(server.requests.first)
        #expect(request.method == "POST" && request.path == "/token")
        #expect(request.header("Content-Type") == "application/x-www-form-urlencoded")
        let form = Dictionary(uniqueKeysWithValues: request.bodyText.split(separator: "&").map { pair in
            let parts = pair.split(separator: "=", maxSplits: 1).map { String($0).replacingOccurrences(of: "+", with: " ").removingPercentEncoding! }
            return (parts[0], parts[1])
        })
        #expect(form["grant_type"] == "urn:ietf:params:oauth:grant-type:jwt-bearer")
        let parts = try #require(form["assertion"]).split(separator: ".").map(String.init)
        #expect(parts.count == 3)
        let header = try JSONValue(parsing: try #require(base64URLDecode(parts[0])))
        let claims = try JSONValue(parsing: try #require(base64URLDecode(parts[1])))
        #expect(header == ["alg": "RS256", "typ": "JWT", "kid": "kid-123"])
        #expect(claims == [
            "iss": "tuner@key-project.iam.gserviceaccount.com", "scope": "https://www.googleapis.com/auth/cloud-platform",
            "aud": .string(tokenURI), "iat": 1_800_000_000, "exp": 1_800_003_600,
        ])
        let signature = _RSA.Signing.RSASignature(rawRepresentation: try #require(base64URLDecode(parts[2])))
        #expect(key.publicKey.isValidSignature(signature, for: Data((parts[0] + "." + parts[1]).utf8), padding: .insecurePKCS1v1_5))
        let otherKey = try _RSA.Signing.PrivateKey(keySize: .bits2048)
        #expect(!otherKey.publicKey.isValidSignature(signature, for: Data((parts[0] + "." + parts[1]).utf8), padding: .insecurePKCS1v1_5))

        // Still valid 50 minutes later; within the refresh margin of its expiry it is fetched again.
        clock.advance(by: 3000)
        #expect(try await cache.token() == first)
        clock.advance(by: 400)
        let refreshed = try await cache.token()
        #expect(server.requests.count == 2)
        #expect(refreshed != first)
    }

    @Test func authorizedUserRefreshTokenFromTheGcloudApplicationDefaultFile() async throws {
        let server = try TestHTTPServer { _ in .json(#"{"access_token":"ya29.user","expires_in":3599,"scope":"https://www.googleapis.com/auth/cloud-platform","token_type":"Bearer"}"#) }
        defer { server.stop() }
        let home = try VertexTestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: home) }
        let gcloud = home.appendingPathComponent(".config/gcloud")
        try FileManager.default.createDirectory(at: gcloud, withIntermediateDirectories: true)
        try write([
            "type": "authorized_user", "client_id": "764086051850-6qr4p6gpi6hn506pt8ejuq83di341hur.apps.googleusercontent.com",
            "client_secret": "test-secret", "refresh_token": "1//test-refresh", "quota_project_id": "billing-project",
            "token_uri": .string(server.url("/token").absoluteString),
        ], to: gcloud.appendingPathComponent("application_default_credentials.json"))

        let source = try chain(environment(home)).resolve()
        #expect(source.quotaProjectID == "billing-project")
        let token = try await source.fetchToken(now: Date())
        #expect(token.value == "ya29.user")
        let body = try #require(server.requests.first).bodyText
        #expect(body.contains("grant_type=refresh_token"))
        #expect(body.contains("refresh_token=1%2F%2Ftest-refresh"))
        #expect(body.contains("client_secret=test-secret"))
    }

    @Test func aRefusedRefreshIsAnAuthenticationErrorWithoutSecrets() async throws {
        let server = try TestHTTPServer { _ in
            .json(#"{"error":"invalid_grant","error_description":"Token has been expired or revoked."}"#, status: 400)
        }
        defer { server.stop() }
        let home = try VertexTestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: home) }
        let file = home.appendingPathComponent("user.json")
        try write([
            "type": "authorized_user", "client_id": "id", "client_secret": "very-secret", "refresh_token": "refresh-secret",
            "token_uri": .string(server.url("/token").absoluteString),
        ], to: file)
        let source = try chain(environment(home, ["GOOGLE_APPLICATION_CREDENTIALS": file.path])).resolve()
        await #expect { try await source.fetchToken(now: Date()) } throws: { error in
            guard let error = error as? FineTuningError else { return false }
            return error.code == .authentication && error.providerCode == "invalid_grant" && error.message.contains(file.path)
                && error.message.contains("expired or revoked") && !error.description.contains("secret")
        }
    }

    @Test func metadataServerWhenGCEMetadataHostIsSet() async throws {
        let server = try TestHTTPServer { request in
            request.header("Metadata-Flavor") == "Google"
                ? .json(#"{"access_token":"ya29.metadata","expires_in":3120,"token_type":"Bearer"}"#)
                : .text("Missing Metadata-Flavor:Google header.", status: 403)
        }
        defer { server.stop() }
        let home = try VertexTestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: home) }
        let source = try chain(environment(home, ["GCE_METADATA_HOST": "127.0.0.1:\(server.port)"])).resolve()
        #expect(source is MetadataServerCredentials)
        let now = Date()
        let token = try await source.fetchToken(now: now)
        #expect(token == AccessToken(value: "ya29.metadata", expiresAt: now.addingTimeInterval(3120)))
        #expect(server.requests.first?.path == "/computeMetadata/v1/instance/service-accounts/default/token")
    }

    @Test func gcloudPrintAccessTokenIsTheFallback() async throws {
        let home = try VertexTestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: home) }
        let gcloud = home.appendingPathComponent("gcloud")
        try writeExecutableScript("#!/bin/sh\n[ \"$1 $2\" = \"auth print-access-token\" ] && echo ya29.from-gcloud\n", to: gcloud)
        let source = try chain(environment(home)).resolve()
        #expect(source is GcloudCredentials)
        #expect(try await source.fetchToken(now: Date()).value == "ya29.from-gcloud")

        try writeExecutableScript(
            "#!/bin/sh\necho 'ERROR: (gcloud.auth.print-access-token) You do not currently have an active account selected.' >&2\nexit 1\n", to: gcloud)
        await #expect { try await source.fetchToken(now: Date()) } throws: { error in
            (error as? FineTuningError)?.message.contains("do not currently have an active account") == true
        }
    }

    @Test func anExplicitTokenComesFirst() throws {
        let home = try VertexTestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: home) }
        let source = try chain(environment(home, ["VERTEX_ACCESS_TOKEN": "tok", "GOOGLE_APPLICATION_CREDENTIALS": "/nonexistent.json"])).resolve()
        #expect(source is ExplicitTokenCredentials)
    }

    @Test func noCredentialsListsEverySourceTriedAndWhatToSet() throws {
        let home = try VertexTestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: home) }
        #expect { try chain(environment(home)).resolve() } throws: { error in
            guard let error = error as? FineTuningError else { return false }
            let text = error.description
            return error.code == .authentication
                && ["VERTEX_ACCESS_TOKEN", "GOOGLE_APPLICATION_CREDENTIALS", "application_default_credentials.json", "gcloud", "metadata server",
                    "gcloud auth application-default login"].allSatisfy(text.contains)
        }
    }

    @Test func brokenKeyFilesNameTheFile() throws {
        let home = try VertexTestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: home) }
        let missing = home.appendingPathComponent("missing.json").path
        #expect { try chain(environment(home, ["GOOGLE_APPLICATION_CREDENTIALS": missing])).resolve() } throws: { error in
            (error as? FineTuningError)?.message.contains(missing) == true
        }
        let broken = home.appendingPathComponent("broken.json")
        try write(["type": "service_account", "client_email": "a@b", "private_key": "-----BEGIN PRIVATE KEY-----\nnope\n-----END PRIVATE KEY-----\n"], to: broken)
        #expect { try chain(environment(home, ["GOOGLE_APPLICATION_CREDENTIALS": broken.path])).resolve() } throws: { error in
            (error as? FineTuningError)?.parameter == "private_key" && (error as? FineTuningError)?.message.contains(broken.path) == true
        }
        let external = home.appendingPathComponent("external.json")
        try write(["type": "external_account"], to: external)
        #expect { try chain(environment(home, ["GOOGLE_APPLICATION_CREDENTIALS": external.path])).resolve() } throws: { error in
            (error as? FineTuningError)?.message.contains("external_account") == true
        }
    }
}

/// A clock the test moves by hand.
final class TestClock: Sendable {
    private let current: Mutex<Date>

    init(start: Date) {
        current = Mutex(start)
    }

    var now: @Sendable () -> Date { { self.current.withLock { $0 } } }

    func advance(by seconds: TimeInterval) {
        current.withLock { $0 = $0.addingTimeInterval(seconds) }
    }
}

/// Base64url without padding, as JWT parts are written.
private func base64URLDecode(_ text: String) -> Data? {
    var base64 = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
    base64 += String(repeating: "=", count: (4 - base64.count % 4) % 4)
    return Data(base64Encoded: base64)
}
