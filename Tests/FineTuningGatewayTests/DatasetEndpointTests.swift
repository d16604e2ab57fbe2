import FineTuning
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
