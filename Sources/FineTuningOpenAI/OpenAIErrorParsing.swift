import FineTuning
import FineTuningHTTP

/// Reads OpenAI-style error bodies: OpenAI's `{"error":{"message","type","param","code"}}`,
/// Azure classic's `{"error":{"code","message","target","innererror":{"code"}}}`, and the
/// `{"error":"..."}` / `{"detail":"..."}` shapes some compatible servers send.
enum OpenAIErrorParsing {
    static let parse: ProviderErrorParser = { body in
        if let error = body["error"], let members = error.objectValue {
            let code = members["code"]?.nonEmptyString ?? members["code"]?.int64Value.map(String.init)
                ?? members["innererror"]?["code"]?.nonEmptyString ?? members["type"]?.nonEmptyString
            guard let message = members["message"]?.nonEmptyString ?? code else { return nil }
            return ProviderErrorBody(
                message: message, code: code,
                parameter: members["param"]?.nonEmptyString ?? members["target"]?.nonEmptyString)
        }
        if let message = body["error"]?.nonEmptyString ?? body["detail"]?.nonEmptyString ?? body["message"]?.nonEmptyString {
            return ProviderErrorBody(message: message)
        }
        return nil
    }
}
