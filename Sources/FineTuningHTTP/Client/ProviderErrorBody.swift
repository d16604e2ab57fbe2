public import FineTuning

/// What an adapter reads out of its provider's error body: the one piece of error handling that
/// differs per provider. The status-code mapping, retry-after and excerpts are shared.
public struct ProviderErrorBody: Sendable, Hashable {
    public var message: String
    /// The provider's own code (`insufficient_quota`, `INVALID_ARGUMENT`, `jsonlValidationFailed`).
    public var code: String?
    /// The request field the provider blamed.
    public var parameter: String?

    public init(message: String, code: String? = nil, parameter: String? = nil) {
        self.message = message
        self.code = code
        self.parameter = parameter
    }
}

/// Reads a provider's error body; returns nil when the body is not in the provider's error shape.
public typealias ProviderErrorParser = @Sendable (_ body: JSONValue) -> ProviderErrorBody?
