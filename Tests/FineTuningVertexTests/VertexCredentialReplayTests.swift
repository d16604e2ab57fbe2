import FineTuning
import FineTuningHTTP
import Foundation
import Synchronization
import Testing
@testable import FineTuningVertex

/// The credential flows replayed strictly from HAR fixtures: the token exchange Google's endpoints
/// answer, then the API call carrying the token they gave.
@Suite struct VertexCredentialReplayTests {
    static let folder = ConformanceFolder.url.appendingPathComponent("Fixtures/vertex_ai/credentials")
    static let job = "projects/PROJECT/locations/us-central1/tuningJobs/6284765961371254784"

    /// Records what goes through to the replay.
    final class Recorder: HTTPTransport, Sendable {
        let base: any HTTPTransport
        private let sent = Mutex<[HTTPRequest]>([])

        init(_ base: any HTTPTransport) {
            self.base = base
        }

        func send(_ request: HTTPRequest) async throws -> HTTPResponse {
            sent.withLock { $0.append(request) }
            return try await base.send(request)
        }

        var requests: [HTTPRequest] { sent.withLock { $0 } }
    }

    private func provider(_ flow: String, _ environment: [String: String]) throws -> (VertexTuningProvider, Recorder) {
        let recorder = Recorder(try HARReplayTransport(contentsOf: Self.folder.appendingPathComponent(flow + ".har")))
        let base = ["GOOGLE_CLOUD_PROJECT": "test-project", "GOOGLE_CLOUD_LOCATION": "us-central1", "HOME": "/nonexistent", "PATH": ""]
        return (try VertexAdapter.makeProvider(.gemini, environment: base.merging(environment) { $1 }, transport: recorder), recorder)
    }

    @Test func authorizedUserRefreshThenCall() async throws {
        let keyFile = Self.folder.appendingPathComponent("authorized_user.json").path
        let (vertex, recorder) = try provider("authorized_user", ["GOOGLE_APPLICATION_CREDENTIALS": keyFile])
        let job = try await vertex.getJob(id: Self.job)
        #expect(job.status == .running)
        #expect(recorder.requests.count == 2)
        #expect(recorder.requests.last?.headers["Authorization"] == "Bearer ya29.a0-authorized-user-token")
    }

    @Test func aRevokedRefreshTokenIsAnAuthenticationError() async throws {
        let keyFile = Self.folder.appendingPathComponent("authorized_user.json").path
        let (vertex, recorder) = try provider("refresh_refused", ["GOOGLE_APPLICATION_CREDENTIALS": keyFile])
        await #expect { try await vertex.getJob(id: Self.job) } throws: { error in
            let error = error as? FineTuningError
            return error?.code == .authentication && error?.providerCode == "invalid_grant" && error?.message.contains(keyFile) == true
        }
        #expect(recorder.requests.count == 1)
    }

    @Test func metadataServerTokenThenCall() async throws {
        let (vertex, recorder) = try provider("metadata_server", ["GCE_METADATA_HOST": "metadata.google.internal"])
        let job = try await vertex.getJob(id: Self.job)
        #expect(job.status == .running)
        #expect(recorder.requests.first?.headers["Metadata-Flavor"] == "Google")
        #expect(recorder.requests.last?.headers["Authorization"] == "Bearer ya29.c.metadata-token")
    }
}
