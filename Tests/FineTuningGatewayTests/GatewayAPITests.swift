import FineTuning
import FineTuningHTTP
import Foundation
import Testing
@testable import FineTuningGateway

/// The gateway's HTTP API over a real server and a real SQLite store: keys, ownership, uploads
/// validated with the dataset toolkit, limits, OpenAI-shaped errors.
@Suite struct GatewayAPITests {
    @Test func everyRequestNeedsAnActiveKey() async throws {
        try await GatewayHarness.with { gateway in
            let missing = try await gateway.send("GET", "/v1/files", key: nil)
            #expect(missing.status == 401)
            #expect(missing.json?["error"]?["type"] == "authentication_error")
            let wrong = try await gateway.send("GET", "/v1/files", key: "ftk-not-a-key")
            #expect(wrong.status == 401)
            #expect(wrong.json?["error"]?["code"] == "invalid_api_key")

            let key = try await gateway.key("alice")
            #expect(try await gateway.send("GET", "/v1/files", key: key).status == 200)
            try await gateway.gateway.store.revokeKey(name: "alice")
            #expect(try await gateway.send("GET", "/v1/files", key: key).status == 401)
        }
    }

    @Test func keysAreStoredHashed() async throws {
        try await GatewayHarness.with { gateway in
            let key = try await gateway.key("alice")
            let database = try Data(contentsOf: URL(fileURLWithPath: gateway.directory.appendingPathComponent("gateway.sqlite").path))
                + ((try? Data(contentsOf: URL(fileURLWithPath: gateway.directory.appendingPathComponent("gateway.sqlite").path + "-wal"))) ?? Data())
            #expect(database.range(of: Data(key.utf8)) == nil)
            #expect(database.range(of: Data(APIKey.hash(key).utf8)) != nil)
        }
    }

    @Test func uploadListRetrieveContentDelete() async throws {
        try await GatewayHarness.with { gateway in
            let key = try await gateway.key("alice")
            let uploaded = try await gateway.upload(GatewayHarness.validChatFile, key: key)
            #expect(uploaded.status == 200, "\(uploaded.text)")
            let id = try #require(uploaded.json?["id"]?.stringValue)
            #expect(id.hasPrefix("file-"))
            #expect(uploaded.json?["object"] == "file")
            #expect(uploaded.json?["bytes"] == .integer(Int64(GatewayHarness.validChatFile.utf8.count)))
            #expect(uploaded.json?["purpose"] == "fine-tune")

            let list = try await gateway.send("GET", "/v1/files", key: key)
            #expect(list.json?["data"]?.arrayValue?.compactMap { $0["id"]?.stringValue } == [id])
            #expect(try await gateway.send("GET", "/v1/files/\(id)", key: key).json?["filename"] == "train.jsonl")
            #expect(try await gateway.send("GET", "/v1/files/\(id)/content", key: key).text == GatewayHarness.validChatFile)
            let deleted = try await gateway.send("DELETE", "/v1/files/\(id)", key: key)
            #expect(deleted.json?["deleted"] == true)
            #expect(try await gateway.send("GET", "/v1/files/\(id)", key: key).status == 404)
        }
    }

    @Test func invalidTrainingFileIsRefusedWithEveryProblemByLine() async throws {
        try await GatewayHarness.with { gateway in
            let key = try await gateway.key("alice")
            let bad = #"{"messages":[{"role":"user","content":"hi"},{"role":"assistant","content":"hello"}]}"# + "\n"
                + #"{"messages":[{"role":"wizard","content":"hi"}]}"# + "\n" + "not json\n"
            let response = try await gateway.upload(bad, key: key)
            #expect(response.status == 400)
            #expect(response.json?["error"]?["type"] == "invalid_request_error")
            #expect(response.json?["error"]?["param"] == "file")
            let message = try #require(response.json?["error"]?["message"]?.stringValue)
            #expect(message.contains("line 2: messages[0].role"), "\(message)")
            #expect(message.contains("line 3"), "\(message)")
            #expect(!message.contains(gateway.directory.path), "the server's paths stay private: \(message)")
            #expect(try await gateway.send("GET", "/v1/files", key: key).json?["data"]?.arrayValue?.isEmpty == true)
        }
    }

    @Test func oversizedBodiesGet413InOpenAIShape() async throws {
        try await GatewayHarness.with(maxUploadBytes: 4096) { gateway in
            let key = try await gateway.key("alice")
            let upload = try await gateway.upload(String(repeating: GatewayHarness.validChatFile, count: 20), key: key)
            #expect(upload.status == 413)
            #expect(upload.json?["error"]?["type"] == "invalid_request_error")
            let huge = JSONValue.object(["model": .string(String(repeating: "x", count: 5 << 20)), "training_file": "file-x"])
            let create = try await gateway.send("POST", "/v1/fine_tuning/jobs", key: key, json: huge)
            #expect(create.status == 413)
            #expect(create.json?["error"]?["code"] == "request_too_large")
        }
    }

    @Test func anotherKeysObjectsAnswer404AndAreNeverListed() async throws {
        try await GatewayHarness.with { gateway in
            let alice = try await gateway.key("alice"), bob = try await gateway.key("bob"), admin = try await gateway.key("root", admin: true)
            let id = try #require(try await gateway.upload(GatewayHarness.validChatFile, key: alice).json?["id"]?.stringValue)
            let foreign = try await gateway.send("GET", "/v1/files/\(id)", key: bob)
            let missing = try await gateway.send("GET", "/v1/files/file-doesnotexist", key: bob)
            #expect(foreign.status == 404)
            #expect(foreign.json?["error"]?["type"] == missing.json?["error"]?["type"])
            #expect(try await gateway.send("GET", "/v1/files", key: bob).json?["data"]?.arrayValue?.isEmpty == true)
            #expect(try await gateway.send("DELETE", "/v1/files/\(id)", key: bob).status == 404)
            #expect(try await gateway.send("GET", "/v1/files/\(id)", key: admin).status == 200)
            // Bob cannot train on Alice's file either.
            let create = try await gateway.send("POST", "/v1/fine_tuning/jobs", key: bob, json: ["model": "llamacpp/x.gguf", "training_file": .string(id)])
            #expect(create.status == 400)
            #expect(create.json?["error"]?["param"] == "training_file")
        }
    }

    @Test func badJobRequestsNameTheParameter() async throws {
        try await GatewayHarness.with { gateway in
            let key = try await gateway.key("alice")
            let file = try #require(try await gateway.upload(GatewayHarness.validChatFile, key: key).json?["id"]?.stringValue)
            let noPrefix = try await gateway.send("POST", "/v1/fine_tuning/jobs", key: key, json: ["model": "gpt-4o-mini", "training_file": .string(file)])
            #expect(noPrefix.status == 400)
            #expect(noPrefix.json?["error"]?["param"] == "model")
            let missing = try await gateway.send("POST", "/v1/fine_tuning/jobs", key: key, json: ["model": "llamacpp/x.gguf"])
            #expect(missing.status == 400)
            #expect(missing.json?["error"]?["param"] == "training_file")
            let badLimit = try await gateway.send("GET", "/v1/fine_tuning/jobs?limit=0", key: key)
            #expect(badLimit.status == 400)
            #expect(badLimit.json?["error"]?["param"] == "limit")
            #expect(try await gateway.send("GET", "/v1/fine_tuning/jobs/ftjob-nope", key: key).status == 404)
        }
    }

    @Test func healthAndMetrics() async throws {
        try await GatewayHarness.with { gateway in
            #expect(try await gateway.send("GET", "/healthz", key: nil).json?["status"] == "ok")
            let metrics = try await gateway.send("GET", "/metrics", key: nil)
            #expect(metrics.status == 200)
            #expect(metrics.text.contains(#"finetune_gateway_jobs{status="running"} 0"#), "\(metrics.text)")
        }
    }
}
