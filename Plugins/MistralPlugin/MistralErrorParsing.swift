import FineTuning
import FineTuningHTTP

/// Mistral's error bodies: FastAPI's 422 `{"detail":[{"type","loc","msg"}]}`, a plain
/// `{"detail":"..."}`, or `{"object":"error","message","type","param","code"}`.
enum MistralErrorParsing {
    static let parse: ProviderErrorParser = { body in
        if let first = body["detail"]?.arrayValue?.first, let message = first["msg"]?.stringValue {
            // loc is ["body", "hyperparameters", "learning_rate"]: the field path after "body".
            let path = (first["loc"]?.arrayValue ?? []).compactMap { $0.stringValue ?? $0.int64Value.map(String.init) }
            let field = path.first == "body" ? path.dropFirst() : path[...]
            return ProviderErrorBody(message: message, code: first["type"]?.stringValue, parameter: field.isEmpty ? nil : field.joined(separator: "."))
        }
        if let detail = body["detail"]?.stringValue { return ProviderErrorBody(message: detail) }
        guard let message = body["message"]?.stringValue else { return nil }
        return ProviderErrorBody(
            message: message, code: body["code"]?.stringValue ?? body["type"]?.stringValue, parameter: body["param"]?.stringValue)
    }
}
