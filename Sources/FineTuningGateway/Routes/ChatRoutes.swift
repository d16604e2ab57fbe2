import FineTuning
import Foundation
import Hummingbird
import NIOPosix

/// `POST /v1/chat/completions` for the key's tuned models that a generator serves, answered as one
/// `chat.completion` or, with `stream: true`, as server-sent `chat.completion.chunk` events.
struct ChatRoutes: Sendable {
    let store: GatewayStore
    let generators: [any TunedModelGenerator]

    func register(on group: RouterGroup<GatewayRequestContext>) {
        group.post("chat/completions", use: complete)
    }

    struct CompletionRequest: Decodable {
        var model: String
        var messages: [ChatMessage]
        var stream: Bool?
        var maxTokens: Int?
        var maxCompletionTokens: Int?

        enum CodingKeys: String, CodingKey {
            case model, messages, stream, maxTokens = "max_tokens", maxCompletionTokens = "max_completion_tokens"
        }
    }

    @Sendable func complete(_ request: Request, context: GatewayRequestContext) async throws -> Response {
        let body = try await context.decode(CompletionRequest.self, from: request)
        let principal = try context.requirePrincipal()
        guard let job = try await store.tunedModels(visibleTo: principal).first(where: { $0.fineTunedModel == body.model }),
              let tuned = job.snapshot?.tunedModel, let provider = job.backendJobID?.provider
        else {
            throw OpenAIError(.notFound, "The model '\(body.model)' does not exist or you do not have access to it.", param: "model", code: "model_not_found")
        }
        guard let generator = generators.first(where: { $0.serves(provider: provider) }) else {
            throw OpenAIError.badRequest("The model '\(body.model)' was tuned by '\(provider)', which this gateway cannot run; call that provider's own endpoint.", param: "model")
        }
        guard !body.messages.isEmpty else { throw OpenAIError.badRequest("messages must hold at least one message", param: "messages") }
        let maxTokens = body.maxCompletionTokens ?? body.maxTokens ?? 64
        guard (1...4096).contains(maxTokens) else { throw OpenAIError.badRequest("max_tokens must be from 1 to 4096", param: "max_tokens") }
        let messages = body.messages
        let text = try await NIOThreadPool.singleton.runIfActive { try generator.generate(model: tuned, messages: messages, maxTokens: maxTokens) }
        let id = "chatcmpl-" + GatewayIDs.random()
        let created = Int64(Date().timeIntervalSince1970)
        guard body.stream == true else {
            return JSONResponse.make([
                "id": .string(id), "object": "chat.completion", "created": .integer(created), "model": .string(body.model),
                "choices": [["index": 0, "message": ["role": "assistant", "content": .string(text)], "finish_reason": "stop", "logprobs": .null]],
            ])
        }
        let chunks = Self.streamChunks(id: id, created: created, model: body.model, text: text)
        return Response(
            status: .ok, headers: [.contentType: "text/event-stream", .cacheControl: "no-cache"],
            body: ResponseBody { writer in
                for chunk in chunks { try await writer.write(ByteBuffer(string: "data: \(chunk.jsonText)\n\n")) }
                try await writer.write(ByteBuffer(string: "data: [DONE]\n\n"))
                try await writer.finish(nil)
            })
    }

    /// The reply as `chat.completion.chunk` events: the role, then the text word by word, then the stop.
    static func streamChunks(id: String, created: Int64, model: String, text: String) -> [JSONValue] {
        func chunk(_ delta: JSONValue, finish: JSONValue = .null) -> JSONValue {
            [
                "id": .string(id), "object": "chat.completion.chunk", "created": .integer(created), "model": .string(model),
                "choices": [["index": 0, "delta": delta, "finish_reason": finish, "logprobs": .null]],
            ]
        }
        var pieces: [String] = []
        var current = ""
        for character in text {
            current.append(character)
            if character == " " || character == "\n" {
                pieces.append(current)
                current = ""
            }
        }
        if !current.isEmpty { pieces.append(current) }
        return [chunk(["role": "assistant", "content": ""])] + pieces.map { chunk(["content": .string($0)]) } + [chunk([:], finish: "stop")]
    }
}
