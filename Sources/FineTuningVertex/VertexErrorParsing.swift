import FineTuning
import FineTuningHTTP

/// Reads Google's error shapes: the HTTP error body `{"error":{code, message, status, details}}`
/// (sometimes wrapped in a one-element array), and the `google.rpc.Status` a failed job carries.
enum VertexErrorParsing {
    /// The parser handed to `ProviderHTTPClient` (Vertex and Cloud Storage share the shape).
    static let parser: ProviderErrorParser = { body in
        guard let status = errorObject(in: body), let message = status["message"]?.stringValue else { return nil }
        let violations = fieldViolations(in: status)
        let code = status["status"]?.stringValue
            ?? status["errors"]?.arrayValue?.first?["reason"]?.stringValue
            ?? status["code"]?.int64Value.map(String.init)
        return ProviderErrorBody(message: describe(message, violations), code: code, parameter: violations.first?.field)
    }

    /// The `error` of a failed or cancelled job (`google.rpc.Status`, numeric code).
    static func jobError(_ status: JSONValue?) -> JobError? {
        guard let status, status["message"] != nil || status["code"] != nil else { return nil }
        let message = status["message"]?.stringValue ?? ""
        let violations = fieldViolations(in: status)
        let code = status["code"]?.int64Value.map { rpcCodeNames[$0] ?? String($0) }
        return JobError(code: code, message: describe(message, violations), parameter: violations.first?.field)
    }

    /// `google.rpc.Code` names by number.
    static let rpcCodeNames: [Int64: String] = [
        0: "OK", 1: "CANCELLED", 2: "UNKNOWN", 3: "INVALID_ARGUMENT", 4: "DEADLINE_EXCEEDED", 5: "NOT_FOUND",
        6: "ALREADY_EXISTS", 7: "PERMISSION_DENIED", 8: "RESOURCE_EXHAUSTED", 9: "FAILED_PRECONDITION",
        10: "ABORTED", 11: "OUT_OF_RANGE", 12: "UNIMPLEMENTED", 13: "INTERNAL", 14: "UNAVAILABLE",
        15: "DATA_LOSS", 16: "UNAUTHENTICATED",
    ]

    private static func errorObject(in body: JSONValue) -> JSONValue? {
        if let array = body.arrayValue, array.count == 1 { return errorObject(in: array[0]) }
        return body["error"].flatMap { $0.objectValue == nil ? nil : $0 }
    }

    private static func fieldViolations(in status: JSONValue) -> [(field: String, description: String)] {
        (status["details"]?.arrayValue ?? []).flatMap { detail in
            (detail["fieldViolations"]?.arrayValue ?? []).compactMap { violation in
                violation["field"]?.stringValue.map { ($0, violation["description"]?.stringValue ?? "") }
            }
        }
    }

    private static func describe(_ message: String, _ violations: [(field: String, description: String)]) -> String {
        let extra = violations
            .filter { !$0.description.isEmpty && !message.contains($0.description) }
            .map { "\($0.field): \($0.description)" }
        return ([message] + extra).filter { !$0.isEmpty }.joined(separator: "; ")
    }
}
