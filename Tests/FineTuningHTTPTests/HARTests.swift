import FineTuning
import FineTuningTestSupport
import Foundation
import Testing

@testable import FineTuningHTTP

@Suite struct HARTests {
    /// A provider-like server: jobs under a numbered project, a polled job, an upload endpoint.
    static func providerServer() throws -> TestHTTPServer {
        let polls = ResponseSequence([.json(#"{"state":"JOB_STATE_RUNNING"}"#), .json(#"{"state":"JOB_STATE_SUCCEEDED"}"#)])
        return try TestHTTPServer { request in
            switch (request.method, request.path) {
            case ("GET", "/v1/projects/123456789/locations/us-central1/tuningJobs/42"):
                return polls.next(request)
            case ("POST", "/v1/projects/123456789/locations/us-central1/tuningJobs"):
                return .json(#"{"name":"projects/123456789/locations/us-central1/tuningJobs/42","echo":\#(request.bodyText)}"#)
            case ("POST", "/v1/files"):
                return .json(#"{"id":"file-1","bytes":\#(request.bodyByteCount)}"#)
            default:
                return .json(#"{"error":{"code":429}}"#, status: 429, headers: [("Retry-After", "17")])
            }
        }
    }

    static func requests(_ base: URL, key: String, trainingFile: URL) -> [HTTPRequest] {
        let project = base.appendingPathComponent("v1/projects/123456789/locations/us-central1")
        let auth: HTTPHeaders = ["Authorization": "Bearer \(key)", "x-goog-api-key": key]
        return [
            HTTPRequest(
                method: .post, url: project.appendingPathComponent("tuningJobs"), headers: auth.merging(["Content-Type": "application/json"]),
                body: .data(Data(#"{"baseModel":"gemini-2.5-flash","hyperParameters":{"epochCount":3}}"#.utf8))),
            HTTPRequest(method: .get, url: URL(string: project.appendingPathComponent("tuningJobs/42").absoluteString + "?key=\(key)&alt=json")!, headers: auth),
            HTTPRequest(method: .get, url: URL(string: project.appendingPathComponent("tuningJobs/42").absoluteString + "?key=\(key)&alt=json")!, headers: auth),
            HTTPRequest(
                method: .post, url: base.appendingPathComponent("v1/files"), headers: auth,
                body: .multipart(MultipartForm(parts: [
                    .field(name: "purpose", value: "fine-tune"),
                    .file(name: "file", path: trainingFile.path, filename: "train.jsonl", contentType: "application/jsonl"),
                ]))),
            HTTPRequest(method: .get, url: base.appendingPathComponent("v1/unknown"), headers: auth),
        ]
    }

    @Test func recordsScrubbedAndReplaysExactly() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.cleanup() }
        let trainingFile = try directory.file("train.jsonl", contents: #"{"messages":[]}"# + "\n")
        let output = directory.url.appendingPathComponent("vertex.har")
        let server = try Self.providerServer()

        let recorder = HARRecordingTransport(base: CurlTransport(), output: output)
        var live: [HTTPResponse] = []
        for request in Self.requests(server.baseURL, key: "sk-LIVESECRET123", trainingFile: trainingFile) {
            live.append(try await recorder.send(request))
        }

        let text = try String(contentsOf: output, encoding: .utf8)
        #expect(!text.contains("LIVESECRET"))
        #expect(!text.contains("123456789"))
        #expect(text.contains("projects/PROJECT/locations"))
        #expect(try HARArchive(contentsOf: output).entries.count == 5)

        // Replay with a different key and the same project number: scrubbed the same way, matched.
        let replay = try HARReplayTransport(contentsOf: output)
        for (request, recorded) in zip(Self.requests(server.baseURL, key: "sk-OTHERKEY456", trainingFile: trainingFile), live) {
            let replayed = try await replay.send(request)
            #expect(replayed.status == recorded.status)
            #expect(replayed.headers["Retry-After"] == recorded.headers["Retry-After"])
            #expect(String(decoding: replayed.body, as: UTF8.self) == String(decoding: recorded.body, as: UTF8.self).replacingOccurrences(of: "123456789", with: "PROJECT"))
        }
        #expect(replay.unusedEntries().isEmpty)
        #expect(live[4].status == 429)
    }

    static let handWritten = """
        {"log":{"version":"1.2","creator":{"name":"hand","version":"1"},"entries":[
          {"request":{"method":"POST","url":"https://api.openai.com/v1/fine_tuning/jobs?b=2&a=1","headers":[],
                      "postData":{"mimeType":"application/json","text":"{\\"model\\": \\"gpt-4o-mini\\", \\"hyperparameters\\": {\\"n_epochs\\": 3}}"}},
           "response":{"status":200,"headers":[{"name":"Content-Type","value":"application/json"}],"content":{"size":10,"text":"{\\"id\\":\\"ftjob-1\\",\\"sta"}}},
          {"request":{"method":"GET","url":"https://api.openai.com/v1/fine_tuning/jobs/ftjob-1","headers":[]},
           "response":{"status":200,"headers":[],"content":{"size":2,"text":"{\\"status\\":\\"running\\"}"}}},
          {"request":{"method":"GET","url":"https://api.openai.com/v1/fine_tuning/jobs/ftjob-1","headers":[]},
           "response":{"status":200,"headers":[],"content":{"size":2,"text":"{\\"status\\":\\"succeeded\\"}"}}},
          {"request":{"method":"GET","url":"https://api.openai.com/v1/models","headers":[]},
           "response":{"status":200,"headers":[],"content":{"size":2,"text":"{}"}}}
        ]}}
        """

    static func replay() throws -> HARReplayTransport {
        HARReplayTransport(archive: try JSONDecoder().decode(HARArchive.self, from: Data(handWritten.utf8)))
    }

    static func create(_ body: String, query: String = "a=1&b=2") -> HTTPRequest {
        HTTPRequest(
            method: .post, url: URL(string: "https://api.openai.com/v1/fine_tuning/jobs?\(query)")!,
            headers: ["Content-Type": "application/json", "Authorization": "Bearer sk-x"], body: .data(Data(body.utf8)))
    }

    @Test func matchesJSONSemanticallyAndQueryInAnyOrder() async throws {
        let replay = try Self.replay()
        let response = try await replay.send(Self.create(#"{"hyperparameters":{"n_epochs":3.0},"model":"gpt-4o-mini"}"#))
        // Truncated JSON replays as recorded, for malformed-response scenarios.
        #expect(String(decoding: response.body, as: UTF8.self) == #"{"id":"ftjob-1","sta"#)
    }

    @Test func repeatedRequestsGetSuccessiveResponses() async throws {
        let replay = try Self.replay()
        let poll = HTTPRequest(method: .get, url: URL(string: "https://api.openai.com/v1/fine_tuning/jobs/ftjob-1")!)
        #expect(try await replay.send(poll).body == Data(#"{"status":"running"}"#.utf8))
        #expect(try await replay.send(poll).body == Data(#"{"status":"succeeded"}"#.utf8))
        let error = await fineTuningError { _ = try await replay.send(poll) }
        #expect(error?.code == .transport)
        #expect(error?.message.contains("all 2 recorded responses to this request were already served") == true)
        #expect(replay.unusedEntries().map(\.request.url) == ["https://api.openai.com/v1/fine_tuning/jobs?b=2&a=1", "https://api.openai.com/v1/models"])
    }

    @Test func unmatchedRequestsNameTheClosestRecordingAndTheDifference() async throws {
        let replay = try Self.replay()
        let body = await fineTuningError { _ = try await replay.send(Self.create(#"{"model":"gpt-4o-mini","hyperparameters":{"n_epochs":4}}"#)) }
        #expect(body?.transportFailure == .notRecorded)
        #expect(body?.message.contains("closest recorded request is #1 POST https://api.openai.com/v1/fine_tuning/jobs?b=2&a=1") == true)
        #expect(body?.message.contains("body at $.hyperparameters.n_epochs: recorded 3, sent 4") == true)

        let query = await fineTuningError { _ = try await replay.send(Self.create(#"{"model":"gpt-4o-mini","hyperparameters":{"n_epochs":3}}"#, query: "a=1&b=3")) }
        #expect(query?.message.contains("query parameter 'b': recorded '2', sent '3'") == true)

        let path = await fineTuningError { _ = try await replay.send(HTTPRequest(method: .get, url: URL(string: "https://api.openai.com/v1/modelz?key=SECRET")!)) }
        #expect(path?.message.contains("no recorded response for GET https://api.openai.com/v1/modelz?key=REDACTED") == true)
        #expect(path?.message.contains("differs in URL: recorded https://api.openai.com/v1/models, sent https://api.openai.com/v1/modelz") == true)
        #expect(replay.unusedEntries().count == 4)
    }

    @Test func comparesMultipartByFieldsAndTextBodiesExactly() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.cleanup() }
        let file = try directory.file("train.jsonl", contents: "{\"a\":1}\n")
        let upload = { (purpose: String) in
            HTTPRequest(method: .post, url: URL(string: "https://api.openai.com/v1/files")!, body: .multipart(MultipartForm(parts: [
                .field(name: "purpose", value: purpose),
                .file(name: "file", path: file.path, filename: "train.jsonl", contentType: "application/jsonl"),
            ])))
        }
        let text = HTTPRequest(method: .put, url: URL(string: "https://storage.example/o")!, body: .data(Data("line one\nline two".utf8)))
        let archive = HARArchive(entries: [upload("fine-tune"), text].map {
            HARArchive.Entry(request: HARArchive.Request($0, scrubbing: .standard), response: HARArchive.Response(HTTPResponse(status: 200), scrubbing: .standard))
        })
        let replay = HARReplayTransport(archive: archive)
        #expect(try await replay.send(upload("fine-tune")).status == 200)
        let wrongField = await fineTuningError { _ = try await replay.send(upload("batch")) }
        #expect(wrongField?.message.contains("multipart field 'purpose': recorded \"fine-tune\", sent \"batch\"") == true)
        var changedText = text
        changedText.body = .data(Data("line one\nline 2".utf8))
        let wrongText = await fineTuningError { _ = try await replay.send(changedText) }
        #expect(wrongText?.message.contains("body text differs at character 14") == true)
        #expect(try await replay.send(text).status == 200)
    }

    @Test func recordingIsSwitchedOnByTheEnvironment() throws {
        let base = HARReplayTransport(archive: HARArchive())
        #expect(HARRecordingTransport.wrappingIfRequested(base, environment: [:]) is HARReplayTransport)
        let wrapped = HARRecordingTransport.wrappingIfRequested(base, environment: ["FINETUNE_HAR_RECORD": "/tmp/x.har"])
        #expect((wrapped as? HARRecordingTransport)?.output.path == "/tmp/x.har")
    }

    @Test func customScrubRulesApply() {
        let rules = HARScrubRules(
            headerNames: ["x-secret"], queryParameters: ["session"],
            replacements: [HARScrubRules.Replacement("tunedModels/[a-z0-9-]+", with: "tunedModels/MODEL")])
        let request = HTTPRequest(
            method: .get, url: URL(string: "https://x.example/v1/tunedModels/abc-123?session=s&page=2")!, headers: ["X-Secret": "v", "Authorization": "kept"])
        let recorded = HARArchive.Request(request, scrubbing: rules)
        #expect(recorded.url == "https://x.example/v1/tunedModels/MODEL?session=REDACTED&page=2")
        #expect(recorded.headers.map(\.value) == ["REDACTED", "kept"])
    }
}

extension HTTPHeaders {
    func merging(_ other: HTTPHeaders) -> HTTPHeaders {
        var merged = self
        for (name, value) in other { merged[name] = value }
        return merged
    }
}
