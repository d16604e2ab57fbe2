import FineTuning
import Foundation
import Testing
@testable import FineTuningGateway

/// A job's `llamacpp/PATH` model must lie in an allowed folder once `..` and symbolic links are
/// resolved. The harness registers no providers, so a model the allow-list lets through goes on to
/// fail as an unknown provider: that message tells "allowed" apart from "refused by the list".
@Suite struct LocalModelAllowListTests {
    /// `root/models` (allowed, reached through the symlink `root/allowed`), `root/outside/secret.gguf`,
    /// and inside `models` a link to the secret file and a link to the outside folder.
    private static func makeFolders() throws -> URL {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("allow-list-\(UUID().uuidString)")
        let manager = FileManager.default
        try manager.createDirectory(at: root.appendingPathComponent("models"), withIntermediateDirectories: true)
        try manager.createDirectory(at: root.appendingPathComponent("outside"), withIntermediateDirectories: true)
        try Data("GGUF".utf8).write(to: root.appendingPathComponent("models/base.gguf"))
        try Data("GGUF".utf8).write(to: root.appendingPathComponent("outside/secret.gguf"))
        try manager.createSymbolicLink(atPath: root.appendingPathComponent("models/link.gguf").path, withDestinationPath: root.appendingPathComponent("outside/secret.gguf").path)
        try manager.createSymbolicLink(atPath: root.appendingPathComponent("models/escape").path, withDestinationPath: "../outside")
        try manager.createSymbolicLink(atPath: root.appendingPathComponent("allowed").path, withDestinationPath: root.appendingPathComponent("models").path)
        return root
    }

    @Test func onlyModelsInsideTheAllowedFoldersReachTheBackend() async throws {
        let root = try Self.makeFolders()
        defer { try? FileManager.default.removeItem(at: root) }
        let allowList = LocalModelAllowList(directories: [root.appendingPathComponent("allowed").path])
        try await GatewayHarness.with(localModels: allowList) { gateway in
            let key = try await gateway.key("alice")
            let file = try #require(try await gateway.upload(GatewayHarness.validChatFile, key: key).json?["id"]?.stringValue)
            func create(_ model: String) async throws -> (status: Int, param: String?, message: String) {
                let answer = try await gateway.send("POST", "/v1/fine_tuning/jobs", key: key, json: ["model": .string(model), "training_file": .string(file)])
                return (answer.status, answer.json?["error"]?["param"]?.stringValue, answer.json?["error"]?["message"]?.stringValue ?? "")
            }
            let refusal = "is not in a folder this gateway serves local models from"
            let path = root.path
            for allowed in ["\(path)/models/base.gguf", "\(path)/allowed/base.gguf", "\(path)/models/not-yet-there.gguf", "\(path)/outside/../models/base.gguf"] {
                let answer = try await create("llamacpp/" + allowed)
                #expect(answer.message.contains("unknown provider 'llamacpp'"), "\(allowed): \(answer.message)")
            }
            for refused in [
                "\(path)/outside/secret.gguf", "\(path)/models/../outside/secret.gguf", "\(path)/models/link.gguf",
                "\(path)/models/escape/secret.gguf", "\(path)/models", "\(path)/missing/base.gguf", "relative.gguf", "/etc/passwd",
            ] {
                let answer = try await create("llamacpp/" + refused)
                #expect(answer.status == 400, "\(refused)")
                #expect(answer.param == "model", "\(refused)")
                #expect(answer.message.contains(refusal), "\(refused): \(answer.message)")
                if !refused.contains("outside") {
                    #expect(!answer.message.contains("outside"), "the refusal tells where a link leads: \(answer.message)")
                }
            }
            // Another provider's model is no path, so the list does not apply to it.
            #expect(try await create("openai/gpt-4o-mini-2024-07-18").message.contains("unknown provider 'openai'"))
            #expect(try await gateway.send("GET", "/v1/fine_tuning/jobs", key: key).json?["data"]?.arrayValue?.isEmpty == true)
        }
    }

    @Test func withoutFoldersNoLocalModelIsServed() async throws {
        let root = try Self.makeFolders()
        defer { try? FileManager.default.removeItem(at: root) }
        try await GatewayHarness.with { gateway in
            let key = try await gateway.key("alice")
            let file = try #require(try await gateway.upload(GatewayHarness.validChatFile, key: key).json?["id"]?.stringValue)
            let answer = try await gateway.send(
                "POST", "/v1/fine_tuning/jobs", key: key, json: ["model": .string("llamacpp/\(root.path)/models/base.gguf"), "training_file": .string(file)])
            #expect(answer.status == 400)
            #expect(answer.json?["error"]?["param"] == "model")
            #expect(answer.json?["error"]?["type"] == "invalid_request_error")
            #expect(answer.json?["error"]?["message"]?.stringValue?.contains("--models-dir") == true, "\(answer.text)")
        }
    }
}
