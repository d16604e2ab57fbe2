import FineTuning
import FineTuningHTTP
import Foundation

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

extension BedrockErrorParsing {
    /// AWS's exception name decides the error code where the status alone does not (an emulator
    /// or an older endpoint answering 400 for `ResourceNotFoundException`).
    static let codes: [String: FineTuningError.Code] = [
        "ResourceNotFoundException": .notFound, "ValidationException": .invalidRequest,
        "AccessDeniedException": .permissionDenied, "UnrecognizedClientException": .authentication,
        "ExpiredTokenException": .authentication, "ThrottlingException": .rateLimited,
        "ServiceQuotaExceededException": .quotaExceeded, "ResourceInUseException": .conflict,
        "ConflictException": .conflict, "TooManyTagsException": .invalidRequest,
    ]

    /// The shared status mapping, then the exception name (`x-amzn-ErrorType: Name:uri`, or the
    /// body's `__type`) as the provider code, which refines the error code when it is known.
    static func error(for response: HTTPResponse, provider: String) -> FineTuningError {
        var error = HTTPErrorMapping.error(for: response, provider: provider, parse: parser)
        if let header = response.headers["x-amzn-ErrorType"], let name = header.split(separator: ":").first {
            error.providerCode = String(name)
        }
        if let name = error.providerCode, let code = codes[name] { error.code = code }
        return error
    }
}
