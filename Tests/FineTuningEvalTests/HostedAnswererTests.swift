import FineTuning
import FineTuningEval
import FineTuningHTTP
import FineTuningTestSupport
import Foundation
import Testing

/// The hosted answerers against loopback servers that answer in the providers' real response shapes.
@Suite struct HostedAnswererTests {
    static let answers = [
        "How do I reset my password?": "Go to Settings > Account > Reset password and follow the link we email you.",
        "Do you ship internationally?": "Yes, we ship to some countries.",
    ]

    static let examples = [
        EvalExample(line: 1, prompt: TrainingExample(systemPrompt: "Be brief.", turns: [.init(role: .user, text: "How do I reset my password?")]),
                    reference: "Go to Settings > Account > Reset password and follow the link we email you."),
        EvalExample(line: 2, prompt: TrainingExample(turns: [.init(role: .user, text: "Do you ship internationally?")]),
                    reference: "Yes, we ship to over 40 countries. Rates appear at checkout."),
    ]

    /// An OpenAI chat completion as the API sends it (content escaped as JSON).
    static func chatCompletion(_ content: String) -> String {
        """
        {"id":"chatcmpl-B9MBs8CjcvOU2jLn4n570S5qMJKcT","object":"chat.completion","created":1741569952,"model":"ft:gpt-4o-mini-2024-07-18:acme::AbC123de","choices":[{"index":0,"message":{"role":"assistant","content":\(JSONValue.string(content).jsonText),"refusal":null,"annotations":[]},"logprobs":null,"finish_reason":"stop"}],"usage":{"prompt_tokens":19,"completion_tokens":17,"total_tokens":36,"prompt_tokens_details":{"cached_tokens":0,"audio_tokens":0},"completion_tokens_details":{"reasoning_tokens":0,"audio_tokens":0,"accepted_prediction_tokens":0,"rejected_prediction_tokens":0}},"service_tier":"default","system_fingerprint":"fp_06737a9306"}
        """
    }

    /// A Vertex generateContent answer as the API sends it (int64 counts as numbers here, the text split in two parts).
    static func generateContent(_ content: String) -> String {
        let half = content.index(content.startIndex, offsetBy: content.count / 2)
        return """
            {"candidates":[{"content":{"role":"model","parts":[{"text":\(JSONValue.string(String(content[..<half])).jsonText)},{"text":\(JSONValue.string(String(content[half...])).jsonText)}]},"finishReason":"STOP","avgLogprobs":-0.0215}],"usageMetadata":{"promptTokenCount":9,"candidatesTokenCount":16,"totalTokenCount":25,"trafficType":"ON_DEMAND","promptTokensDetails":[{"modality":"TEXT","tokenCount":9}],"candidatesTokensDetails":[{"modality":"TEXT","tokenCount":16}]},"modelVersion":"gemini-2.5-flash","createTime":"2026-11-30T03:40:12.123456Z","responseId":"bF0qaJ7nD4Gm1dkP2K2W-Qc"}
            """
    }

    static func question(in body: Data) -> String {
        let json = try? JSONValue(parsing: body)
        if let messages = json?["messages"]?.arrayValue { return messages.last?["content"]?.stringValue ?? "" }
        return json?["contents"]?.arrayValue?.last?["parts"]?.arrayValue?.first?["text"]?.stringValue ?? ""
    }

    @Test func chatCompletionsAndGenerateContentAnswersAreScored() async throws {
        let server = try TestHTTPServer { request in
            let answer = Self.answers[Self.question(in: request.body)] ?? "?"
            return .json(request.path.hasSuffix(":generateContent") ? Self.generateContent(answer) : Self.chatCompletion(answer))
        }
        defer { server.stop() }
        let environment = [
            "OPENAI_API_KEY": "sk-test-eval", "OPENAI_BASE_URL": server.url("/v1").absoluteString,
            "VERTEX_ACCESS_TOKEN": "ya29.test-token", "VERTEX_AI_PROJECT": "acme", "VERTEX_AI_LOCATION": "europe-west4",
            "VERTEX_AI_BASE_URL": server.baseURL.absoluteString,
        ]
        let transport = CurlTransport()
        let models = [
            EvalModel(answerer: try ChatCompletionsAnswerer(provider: "openai", model: "ft:gpt-4o-mini-2024-07-18:acme::AbC123de", environment: environment, transport: transport)),
            EvalModel(answerer: try GenerateContentAnswerer(model: "projects/acme/locations/europe-west4/endpoints/123", environment: environment, transport: transport)),
        ]
        let metrics = [EvalMetric.builtIn(.exactMatch), .builtIn(.rougeL), .builtIn(.tokenLoss)]
        let result = try await EvalRunner(data: "faq.jsonl", examples: Self.examples, metrics: metrics, options: GenerationOptions(maxTokens: 32)).run(models)

        for summary in result.models {
            #expect(summary.metrics["exact_match"]?.mean == 0.5)
            #expect(summary.metrics["token_loss"]?.count == 0)
        }
        #expect(result.models[0].generatedTokens == 34)
        #expect(result.examples[0].answers[1].answer.text == Self.answers["How do I reset my password?"])

        let requests = server.requests
        #expect(requests.count == 4)
        let chat = try #require(requests.first { $0.path == "/v1/chat/completions" })
        #expect(chat.method == "POST")
        #expect(chat.header("Authorization") == "Bearer sk-test-eval")
        let chatBody = try JSONValue(parsing: chat.body)
        #expect(chatBody["model"]?.stringValue == "ft:gpt-4o-mini-2024-07-18:acme::AbC123de")
        #expect(chatBody["messages"]?.arrayValue?.first?["role"]?.stringValue == "system")
        #expect(chatBody["max_tokens"]?.int64Value == 32)
        let vertex = try #require(requests.first { $0.path.hasSuffix(":generateContent") })
        #expect(vertex.path == "/v1/projects/acme/locations/europe-west4/endpoints/123:generateContent")
        #expect(vertex.header("Authorization") == "Bearer ya29.test-token")
        let vertexBody = try JSONValue(parsing: vertex.body)
        #expect(vertexBody["systemInstruction"]?["parts"]?.arrayValue?.first?["text"]?.stringValue == "Be brief.")
        #expect(vertexBody["generationConfig"]?["maxOutputTokens"]?.int64Value == 32)
    }

    @Test func azureUsesTheDeploymentPathAndKeyHeader() async throws {
        let server = try TestHTTPServer { _ in .json(Self.chatCompletion("ok")) }
        defer { server.stop() }
        let environment = ["AZURE_OPENAI_ENDPOINT": server.baseURL.absoluteString, "AZURE_OPENAI_API_KEY": "azure-key"]
        let answerer = try ChatCompletionsAnswerer(provider: "azure", model: "support-ft", environment: environment, transport: CurlTransport())
        _ = try await answerer.answers(Array(Self.examples.prefix(1)), options: GenerationOptions(), scoreReferences: false) { _ in }
        let request = try #require(server.requests.first)
        #expect(request.path == "/openai/deployments/support-ft/chat/completions")
        #expect(request.query["api-version"] == "2024-10-21")
        #expect(request.header("api-key") == "azure-key")
    }

    /// Broken fixtures: shapes an adapter that reads the wrong field would accept.
    @Test(arguments: [
        (#"{"id":"chatcmpl-1","object":"chat.completion","choices":[]}"#, "no choices[0].message"),
        (#"{"id":"chatcmpl-1","object":"chat.completion","choices":[{"index":0,"message":{"role":"assistant","content":null,"refusal":null},"finish_reason":"length"}]}"#, "no text content"),
        (#"{"candidates":[{"content":{"role":"model","parts":[{"text":"wrong shape"}]}}]}"#, "no choices[0].message"),
    ])
    func brokenChatCompletionsAreErrors(body: String, message: String) async throws {
        let server = try TestHTTPServer { _ in .json(body) }
        defer { server.stop() }
        let environment = ["OPENAI_COMPATIBLE_BASE_URL": server.url("/v1").absoluteString]
        let answerer = try ChatCompletionsAnswerer(provider: "openai_compatible", model: "m", environment: environment, transport: CurlTransport())
        do {
            _ = try await answerer.answers(Self.examples, options: GenerationOptions(), scoreReferences: false) { _ in }
            Issue.record("a broken response was accepted")
        } catch let error as FineTuningError {
            #expect(error.message.contains(message), "\(error.message)")
        }
    }

    @Test func blockedGeminiPromptAndProviderErrorsAreReported() async throws {
        let server = try TestHTTPServer { request in
            if request.path.contains("gemini-2.5-flash") {
                return .json(#"{"promptFeedback":{"blockReason":"SAFETY","safetyRatings":[]},"usageMetadata":{"promptTokenCount":9,"totalTokenCount":9},"modelVersion":"gemini-2.5-flash"}"#)
            }
            return .json(#"{"error":{"code":404,"message":"Endpoint `projects/acme/locations/us-central1/endpoints/9` not found.","status":"NOT_FOUND"}}"#, status: 404)
        }
        defer { server.stop() }
        let environment = ["VERTEX_ACCESS_TOKEN": "t", "VERTEX_AI_PROJECT": "acme", "VERTEX_AI_BASE_URL": server.baseURL.absoluteString]
        let blocked = try GenerateContentAnswerer(model: "gemini-2.5-flash", environment: environment, transport: CurlTransport())
        do {
            _ = try await blocked.answers(Self.examples, options: GenerationOptions(), scoreReferences: false) { _ in }
            Issue.record("a blocked prompt gave an answer")
        } catch let error as FineTuningError {
            #expect(error.message.contains("prompt blocked: SAFETY"))
        }
        #expect(server.requests.first?.path == "/v1/projects/acme/locations/us-central1/publishers/google/models/gemini-2.5-flash:generateContent")
        let missing = try GenerateContentAnswerer(model: "projects/acme/locations/us-central1/endpoints/9", environment: environment, transport: CurlTransport())
        do {
            _ = try await missing.answers(Self.examples, options: GenerationOptions(), scoreReferences: false) { _ in }
            Issue.record("a 404 gave an answer")
        } catch let error as FineTuningError {
            #expect(error.code == .notFound)
        }
    }
}
