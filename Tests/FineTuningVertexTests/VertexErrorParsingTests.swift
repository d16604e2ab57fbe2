import FineTuning
import FineTuningHTTP
import Foundation
import Testing
@testable import FineTuningVertex

@Suite struct VertexErrorParsingTests {
    static let invalid = """
    {"error":{"code":400,"message":"Request contains an invalid argument.","status":"INVALID_ARGUMENT",
     "details":[{"@type":"type.googleapis.com/google.rpc.BadRequest","fieldViolations":[
       {"field":"tuning_job.supervised_tuning_spec.training_dataset_uri","description":"Dataset file not found."}]}]}}
    """

    private func mapped(_ body: String, status: Int) -> FineTuningError {
        HTTPErrorMapping.error(for: HTTPResponse(status: status, body: Data(body.utf8)), provider: "vertex_ai", parse: VertexErrorParsing.parser)
    }

    @Test func fieldViolationsNameTheParameter() {
        let error = mapped(Self.invalid, status: 400)
        #expect(error.code == .invalidRequest)
        #expect(error.providerCode == "INVALID_ARGUMENT")
        #expect(error.parameter == "tuning_job.supervised_tuning_spec.training_dataset_uri")
        #expect(error.message == "Request contains an invalid argument.; tuning_job.supervised_tuning_spec.training_dataset_uri: Dataset file not found.")
    }

    @Test func aOneElementArrayIsReadTheSameWay() {
        let error = mapped("[" + Self.invalid + "]", status: 400)
        #expect(error.parameter == "tuning_job.supervised_tuning_spec.training_dataset_uri")
        #expect(error.providerCode == "INVALID_ARGUMENT")
    }

    @Test(arguments: [
        (401, "UNAUTHENTICATED", FineTuningError.Code.authentication), (403, "PERMISSION_DENIED", .permissionDenied),
        (404, "NOT_FOUND", .notFound), (429, "RESOURCE_EXHAUSTED", .rateLimited), (503, "UNAVAILABLE", .providerUnavailable),
    ])
    func statusCodes(status: Int, name: String, code: FineTuningError.Code) {
        let error = mapped(#"{"error":{"code":\#(status),"message":"m","status":"\#(name)"}}"#, status: status)
        #expect(error.code == code)
        #expect(error.providerCode == name)
        #expect(error.message == "m")
    }

    @Test func cloudStorageErrorsUseTheirReason() {
        let error = mapped(#"{"error":{"code":403,"message":"no access","errors":[{"domain":"global","reason":"forbidden","message":"no access"}]}}"#, status: 403)
        #expect(error.providerCode == "forbidden")
    }

    @Test func aBodyInAnotherShapeIsNotParsed() {
        #expect(VertexErrorParsing.parser(["message": "x"]) == nil)
        #expect(VertexErrorParsing.parser([["error": ["message": "a"]], ["error": ["message": "b"]]]) == nil)
    }

    @Test func jobErrorsNameTheRPCCode() {
        #expect(VertexErrorParsing.jobError(["code": 1, "message": "CANCELED"]) == JobError(code: "CANCELLED", message: "CANCELED"))
        #expect(VertexErrorParsing.jobError(["code": "99"]) == JobError(code: "99", message: ""))
        #expect(VertexErrorParsing.jobError(.object([:])) == nil)
        #expect(VertexErrorParsing.jobError(nil) == nil)
    }
}
