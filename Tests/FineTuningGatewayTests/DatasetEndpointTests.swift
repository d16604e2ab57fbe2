import FineTuning
import FineTuningHTTP
import FineTuningOpenAI
import Foundation
import Testing
@testable import FineTuningGateway

/// `POST /v1/fine_tuning/validate` and `/v1/fine_tuning/convert` on inline records and on uploaded
/// files, with the same toolkit as the CLI.
@Suite struct DatasetEndpointTests {
    static let conversationExport = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Examples/data/conversation-export.jsonl")

    @Test func validateInlineRecordsListsProblemsByLine() async throws {
        try await GatewayHarness.with { gateway in
            let key = try await gateway.key("alice")
            let records: JSONValue = [
                ["messages": [["role": "user", "content": "hi"], ["role": "assistant", "content": "hello"]]],
                ["messages": [["role": "wizard", "content": "hi"]]],
            ]
            let response = try await gateway.send("POST", "/v1/fine_tuning/validate", key: key, json: ["records": records])
            #expect(response.status == 200, "\(response.text)")
            #expect(response.json?["valid"] == false)
            #expect(response.json?["format"] == "openai_chat")
            let problems = response.json?["problems"]?.arrayValue?.compactMap(\.stringValue) ?? []
            #expect(problems.contains { $0.hasPrefix("line 2: messages[0].role") }, "\(problems)")
            let neither = try await gateway.send("POST", "/v1/fine_tuning/validate", key: key, json: [:])
            #expect(neither.status == 400)
            #expect(neither.json?["error"]?["param"] == "records")
        }
    }

    @Test func validatePreferenceRecordsAgainstAProvidersDPORules() async throws {
        let registry = ProviderRegistry()
        for registration in OpenAIAdapter.registrations(environment: ["OPENAI_API_KEY": "sk-never-sent"], transport: CurlTransport()) {
            try registry.register(registration)
        }
        try await GatewayHarness.with(registry: registry) { gateway in
            let key = try await gateway.key("alice")
            let pair: JSONValue = [
                "input": ["messages": [["role": "user", "content": "Capital of France?"]]],
                "preferred_output": [["role": "assistant", "content": "Paris."]],
                "non_preferred_output": [["role": "assistant", "content": "Lyon."]],
            ]
            let records = JSONValue.array(Array(repeating: pair, count: 10))
            let dpo = try await gateway.send("POST", "/v1/fine_tuning/validate", key: key, json: ["records": records, "provider": "openai", "method": "dpo"])
            #expect(dpo.status == 200, "\(dpo.text)")
            #expect(dpo.json?["valid"] == true, "\(dpo.text)")
            #expect(dpo.json?["format"] == "openai_preference")
            let supervised = try await gateway.send("POST", "/v1/fine_tuning/validate", key: key, json: ["records": records, "provider": "openai"])
            #expect(supervised.json?["valid"] == false, "supervised rules want chat data: \(supervised.text)")
            let unknown = try await gateway.send("POST", "/v1/fine_tuning/validate", key: key, json: ["records": records, "provider": "openai", "method": "ppo"])
            #expect(unknown.status == 400)
            #expect(unknown.json?["error"]?["param"] == "method", "\(unknown.text)")
            let nowhere = try await gateway.send("POST", "/v1/fine_tuning/validate", key: key, json: ["records": records, "provider": "nosuch"])
            #expect(nowhere.status == 400)
            #expect(nowhere.json?["error"]?["param"] == "provider", "\(nowhere.text)")
            let alone = try await gateway.send("POST", "/v1/fine_tuning/validate", key: key, json: ["records": records, "method": "dpo"])
            #expect(alone.status == 400)
            #expect(alone.json?["error"]?["param"] == "method")
        }
    }

    @Test func convertAnUploadedConversationExportToGemini() async throws {
        try await GatewayHarness.with { gateway in
            let key = try await gateway.key("alice")
            let export = try String(contentsOf: Self.conversationExport, encoding: .utf8)
            let file = try await gateway.upload(export, filename: "export.jsonl", key: key)
            #expect(file.status == 200, "\(file.text)")
            let id = try #require(file.json?["id"]?.stringValue)
            let converted = try await gateway.send("POST", "/v1/fine_tuning/convert", key: key, json: ["file_id": .string(id), "to": "gemini"])
            #expect(converted.status == 200, "\(converted.text)")
            #expect(converted.json?["from"] == "conversation_export")
            let records = try #require(converted.json?["records"]?.arrayValue)
            #expect(!records.isEmpty)
            #expect(converted.json?["converted"] == .integer(Int64(records.count)))
            #expect(records.first?["contents"]?.arrayValue?.first?["role"] == "user")
            #expect(records.first?["systemInstruction"] != nil)
            let other = try await gateway.key("bob")
            #expect(try await gateway.send("POST", "/v1/fine_tuning/convert", key: other, json: ["file_id": .string(id), "to": "gemini"]).status == 404)
        }
    }
}
