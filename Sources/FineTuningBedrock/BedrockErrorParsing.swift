import FineTuning
import FineTuningHTTP

/// Bedrock's error body: `{"message": "..."}`, with the exception name in `__type` or
/// `x-amzn-ErrorType` (`ValidationException`, `ResourceNotFoundException`, `ThrottlingException`).
enum BedrockErrorParsing {
    static let parser: ProviderErrorParser = { body in
        guard let message = body["message"]?.stringValue ?? body["Message"]?.stringValue else { return nil }
        let code = body["__type"]?.stringValue.map { String($0.split(separator: "#").last ?? Substring($0)) }
        return ProviderErrorBody(message: message, code: code, parameter: parameter(in: message))
    }

    /// The request field a validation message blames (`... at 'hyperParameters' failed to satisfy ...`).
    static func parameter(in message: String) -> String? {
        guard let start = message.range(of: " at '"), let end = message.range(of: "'", range: start.upperBound..<message.endIndex) else { return nil }
        return String(message[start.upperBound..<end.lowerBound])
    }
}
