import FineTuning
import FineTuningHTTP
import Foundation
import Testing
@testable import FineTuningOpenAI

@Suite struct OpenAIErrorParsingTests {
    private func error(status: Int, _ body: String, headers: HTTPHeaders = [:]) -> FineTuningError {
        HTTPErrorMapping.error(
            for: HTTPResponse(status: status, headers: headers, body: Data(body.utf8)), provider: "openai", parse: OpenAIErrorParsing.parse)
    }

    @Test func openAIInvalidParameterNamesTheParameter() {
        let error = error(status: 400, """
            {"error":{"message":"invalid n_epochs: 60 (must be between 1 and 50)","type":"invalid_request_error","param":"n_epochs","code":"invalid_value"}}
            """)
        #expect(error.code == .invalidRequest)
        #expect(error.parameter == "n_epochs")
        #expect(error.providerCode == "invalid_value")
        #expect(error.message.contains("n_epochs"))
        #expect(error.httpStatus == 400)
    }

    @Test func nullCodeFallsBackToTheType() {
        let error = error(status: 404, "{\"error\":{\"message\":\"No such job\",\"type\":\"invalid_request_error\",\"param\":null,\"code\":null}}")
        #expect(error.code == .notFound)
        #expect(error.providerCode == "invalid_request_error")
        #expect(error.parameter == nil)
    }

    @Test(arguments: ["insufficient_quota", "daily_rate_limit_exceeded"])
    func quotaIsNotRateLimiting(code: String) {
        let error = error(status: 429, "{\"error\":{\"message\":\"You exceeded your current quota.\",\"type\":\"\(code)\",\"param\":null,\"code\":\"\(code)\"}}")
        #expect(error.code == .quotaExceeded)
    }

    @Test func rateLimitCarriesRetryAfter() {
        let error = error(status: 429, "{\"error\":{\"message\":\"Rate limit reached\",\"type\":\"requests\",\"param\":null,\"code\":\"rate_limit_exceeded\"}}", headers: ["Retry-After": "7"])
        #expect(error.code == .rateLimited)
        #expect(error.retryAfter == .seconds(7))
    }

    @Test func azureErrorNamesTheTarget() {
        let error = error(status: 400, """
            {"error":{"code":"invalidPayload","message":"The specified hyperparameter n_epochs is out of range.","target":"n_epochs","details":[],"innererror":{"code":"invalidHyperparameter"}}}
            """)
        #expect(error.code == .invalidRequest)
        #expect(error.parameter == "n_epochs")
        #expect(error.providerCode == "invalidPayload")
    }

    @Test func azureNumericCodeAndInnerCode() {
        #expect(OpenAIErrorParsing.parse(try! JSONValue(parsing: "{\"error\":{\"code\":\"401\",\"message\":\"Access denied\"}}"))?.code == "401")
        #expect(OpenAIErrorParsing.parse(try! JSONValue(parsing: "{\"error\":{\"message\":\"x\",\"innererror\":{\"code\":\"inner\"}}}"))?.code == "inner")
    }

    @Test func compatibleServerShapes() {
        #expect(OpenAIErrorParsing.parse(try! JSONValue(parsing: "{\"error\":\"model not found\"}"))?.message == "model not found")
        #expect(OpenAIErrorParsing.parse(try! JSONValue(parsing: "{\"detail\":\"Not Found\"}"))?.message == "Not Found")
        #expect(OpenAIErrorParsing.parse(try! JSONValue(parsing: "{\"unrelated\":1}")) == nil)
    }
}
