import FineTuning
import FineTuningHTTP
import FineTuningTestSupport
import Foundation
import Testing
@testable import FineTuningVertex

@Suite struct VertexTuningProviderTests {
    @Test func stagesALocalFileInCloudStorageThenCreates() async throws {
        let folder = try VertexTestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("data.jsonl")
        let text = #"{"contents":[{"role":"user","parts":[{"text":"hi"}]},{"role":"model","parts":[{"text":"hello"}]}]}"# + "\n"
        try text.write(to: file, atomically: true, encoding: .utf8)
        let server = try TestHTTPServer { request in
            if request.path.hasPrefix("/upload/") {
                return .json(#"{"kind":"storage#object","name":"\#(request.query["name"] ?? "")","bucket":"my-bucket","size":"\#(request.bodyByteCount)"}"#)
            }
            return .json(VertexTestSupport.runningJob)
        }
        defer { server.stop() }
        let vertex = try VertexTestSupport.provider(.gemini, transport: CurlTransport(), environment: [
            "VERTEX_AI_BASE_URL": server.baseURL.absoluteString, "VERTEX_AI_STORAGE_BASE_URL": server.baseURL.absoluteString,
            "VERTEX_AI_STAGING_BUCKET": "gs://my-bucket/tuning",
        ])
        let job = try await vertex.createJob(VertexTestSupport.request(model: "gemini-2.5-flash", training: .localFile(path: file.path)))
        #expect(job.id.native == "projects/PROJECT/locations/us-central1/tuningJobs/123")

        let requests = server.requests
        #expect(requests.count == 2)
        #expect(requests[0].method == "POST" && requests[0].path == "/upload/storage/v1/b/my-bucket/o")
        #expect(requests[0].query == ["uploadType": "media", "name": "tuning/finetune-staging/token_abc-123/training-data.jsonl"])
        #expect(requests[0].bodyText == text)
        #expect(requests[0].header("Authorization") == "Bearer test-token")
        #expect(requests[1].path == "/v1/projects/test-project/locations/us-central1/tuningJobs")
        let body = try JSONValue(parsing: requests[1].body)
        #expect(body["supervisedTuningSpec"]?["trainingDatasetUri"] == "gs://my-bucket/tuning/finetune-staging/token_abc-123/training-data.jsonl")
    }

    @Test func largeFilesUseAResumableSession() async throws {
        let folder = try VertexTestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("big.jsonl")
        try Data(repeating: 0x61, count: 4096).write(to: file)
        let server = try TestHTTPServer { request in
            if request.method == "POST" {
                return TestHTTPResponse(status: 200, headers: [("Location", "http://127.0.0.1:\(request.header("Host")?.split(separator: ":").last ?? "")/upload/storage/v1/b/b/o?uploadType=resumable&upload_id=ABC")], body: Data())
            }
            return .json(#"{"name":"big.jsonl","bucket":"b","size":"4096"}"#)
        }
        defer { server.stop() }
        let client = ProviderHTTPClient(
            provider: "vertex_ai", baseURL: server.baseURL, transport: CurlTransport(), authorize: { ["Authorization": "Bearer t"] },
            parseError: VertexErrorParsing.parser)
        var uploader = CloudStorageUploader(client: client)
        uploader.resumableThreshold = 1024
        #expect(try await uploader.upload(path: file.path, bucket: "b", object: "big.jsonl") == "gs://b/big.jsonl")
        let requests = server.requests
        #expect(requests.map(\.method) == ["POST", "PUT"])
        #expect(requests[0].query["uploadType"] == "resumable")
        #expect(requests[0].header("X-Upload-Content-Length") == "4096")
        #expect(requests[1].query["upload_id"] == "ABC")
        #expect(requests[1].bodyByteCount == 4096)
    }

    @Test func aCreateWhoseAnswerWasLostIsFoundByItsClientTokenNotRepeated() async throws {
        let transport = ScriptedTransport([
            .json(#"{"error":{"code":503,"message":"The service is currently unavailable.","status":"UNAVAILABLE"}}"#, status: 503),
            .json(#"{"tuningJobs":[\#(VertexTestSupport.runningJob)]}"#),
        ])
        let vertex = try VertexTestSupport.provider(.gemini, transport: transport)
        let job = try await vertex.createJob(VertexTestSupport.request(model: "gemini-2.5-flash"))
        #expect(job.status == .running)
        let sent = transport.sent
        #expect(sent.map(\.method) == [.post, .get])
        let query = URLComponents(url: sent[1].url, resolvingAgainstBaseURL: false)?.queryItems
        #expect(query == [URLQueryItem(name: "filter", value: #"labels.finetune-client-token="token_abc-123""#)])
    }

    @Test func globalUsesTheGlobalHostAndBareIdsAreExpanded() async throws {
        let transport = ScriptedTransport([.json(VertexTestSupport.runningJob), .json("{}")])
        let vertex = try VertexTestSupport.provider(.gemini, transport: transport, environment: ["GOOGLE_CLOUD_LOCATION": "global"])
        _ = try await vertex.getJob(id: "123")
        #expect(transport.sent[0].url.absoluteString == "https://aiplatform.googleapis.com/v1/projects/test-project/locations/global/tuningJobs/123")
        let page = try await vertex.listJobs(PageRequest(limit: 5), filter: JobFilter(statuses: [.succeeded, .failed], labels: ["team": "a"]))
        #expect(page.items.isEmpty && page.nextCursor == nil)
        let query = Dictionary(uniqueKeysWithValues: (URLComponents(url: transport.sent[1].url, resolvingAgainstBaseURL: false)?.queryItems ?? []).map { ($0.name, $0.value ?? "") })
        #expect(query == ["pageSize": "5", "filter": #"(state="JOB_STATE_FAILED" OR state="JOB_STATE_SUCCEEDED") AND labels.team="a""#])
        await #expect(throws: FineTuningError.self) { try await vertex.getJob(id: "tuningJobs/abc") }
    }

    @Test func aJobNameInAnotherRegionGoesToThatRegionsHost() async throws {
        let transport = ScriptedTransport([.json("{}"), .json(VertexTestSupport.runningJob)])
        let vertex = try VertexTestSupport.provider(.modelGarden, transport: transport)
        _ = try await vertex.cancelJob(id: "projects/PROJECT/locations/europe-west4/tuningJobs/9")
        #expect(transport.sent.map(\.url.absoluteString) == [
            "https://europe-west4-aiplatform.googleapis.com/v1beta1/projects/PROJECT/locations/europe-west4/tuningJobs/9:cancel",
            "https://europe-west4-aiplatform.googleapis.com/v1beta1/projects/PROJECT/locations/europe-west4/tuningJobs/9",
        ])
        #expect(transport.sent[0].body == .data(Data("{}".utf8)) && transport.sent[0].isIdempotent)
    }

    @Test func missingSettingsAreConfigurationErrorsNamingWhatToSet() async throws {
        let registrations = VertexAdapter.registrations(environment: ["VERTEX_ACCESS_TOKEN": "t"], transport: ScriptedTransport())
        #expect(registrations.map(\.descriptor.id) == ["vertex_ai", "model_garden"])
        #expect { try registrations[0].make() } throws: {
            ($0 as? FineTuningError)?.code == .configuration && ($0 as? FineTuningError)?.message.contains("GOOGLE_CLOUD_PROJECT") == true
        }
        let vertex = try VertexTestSupport.provider(.modelGarden, transport: ScriptedTransport())
        await #expect { try await vertex.createJob(VertexTestSupport.request(model: "meta/llama3_1@llama-3.1-8b", flavor: .modelGarden)) } throws: {
            ($0 as? FineTuningError)?.parameter == "output_uri"
        }
        await #expect { try await vertex.createJob(VertexTestSupport.request(model: "meta/llama3_1@llama-3.1-8b", training: .localFile(path: "/tmp/x.jsonl"), flavor: .modelGarden, options: ["output_uri": "gs://b/o"])) } throws: {
            ($0 as? FineTuningError)?.parameter == "VERTEX_AI_STAGING_BUCKET"
        }
        let transport = ScriptedTransport()
        let staging = try VertexTestSupport.provider(.gemini, transport: transport, environment: ["VERTEX_AI_STAGING_BUCKET": "b"])
        await #expect { try await staging.createJob(VertexTestSupport.request(model: "gemini-2.5-flash", training: .localFile(path: "/tmp/x.jsonl"), labels: ["Bad": "x"])) } throws: {
            ($0 as? FineTuningError)?.parameter == "labels.Bad"
        }
        #expect(transport.sent.isEmpty, "nothing is uploaded for a request Vertex would refuse")
        #expect { try VertexTestSupport.provider(.gemini, transport: ScriptedTransport(), environment: ["VERTEX_AI_LOCATION": "US Central"]) } throws: {
            ($0 as? FineTuningError)?.parameter == "location"
        }
    }
}
