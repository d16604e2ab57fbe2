public import Foundation

/// The one error type of the framework. Every failure, local or from a provider, becomes one of
/// these with a stable `code`; the provider's own code, message and HTTP status are kept beside it.
/// Secrets never appear in any of its fields.
public struct FineTuningError: Error, Sendable, Hashable, CustomStringConvertible {
    /// A stable error category. New codes can be added without breaking exhaustive switches.
    public struct Code: RawRepresentable, Hashable, Sendable, Codable, CustomStringConvertible {
        public let rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }
        public var description: String { rawValue }

        /// The request was malformed or a value is not allowed (names the parameter).
        public static let invalidRequest = Code(rawValue: "invalid_request")
        /// Missing, wrong or expired credentials.
        public static let authentication = Code(rawValue: "authentication")
        /// Authenticated but not allowed.
        public static let permissionDenied = Code(rawValue: "permission_denied")
        /// The job, file or model does not exist.
        public static let notFound = Code(rawValue: "not_found")
        /// The request conflicts with the resource's current state.
        public static let conflict = Code(rawValue: "conflict")
        /// Too many requests; `retryAfter` says when to come back.
        public static let rateLimited = Code(rawValue: "rate_limited")
        /// A quota or daily limit is exhausted: retrying will not help.
        public static let quotaExceeded = Code(rawValue: "quota_exceeded")
        /// The provider failed or is overloaded (5xx).
        public static let providerUnavailable = Code(rawValue: "provider_unavailable")
        /// The provider does not support this capability or parameter.
        public static let unsupported = Code(rawValue: "unsupported")
        /// Training data is invalid; `location` names file, line and field.
        public static let invalidData = Code(rawValue: "invalid_data")
        /// The connection failed, or the response could not be read or decoded.
        public static let transport = Code(rawValue: "transport")
        /// A wait or request ran out of time.
        public static let timeout = Code(rawValue: "timeout")
        /// The caller cancelled the operation.
        public static let cancelled = Code(rawValue: "cancelled")
        /// Local set-up is missing or wrong (credentials, tools, environment variables).
        public static let configuration = Code(rawValue: "configuration")
        /// A dynamic plugin broke the plugin ABI contract.
        public static let pluginABI = Code(rawValue: "plugin_abi")
        /// A failure inside the provider that fits no other code.
        public static let providerError = Code(rawValue: "provider_error")
    }

    public var code: Code
    /// What went wrong and, where possible, what to do about it.
    public var message: String
    /// The provider id (`openai`, `vertex_ai`, ...) when the error concerns one.
    public var provider: String?
    /// The parameter or request field at fault.
    public var parameter: String?
    /// Where in a data file the problem is.
    public var location: DataLocation?
    /// The HTTP status of the provider response, if any.
    public var httpStatus: Int?
    /// The provider's own error code (`insufficient_quota`, `INVALID_ARGUMENT`, ...).
    public var providerCode: String?
    /// How long the provider asked us to wait.
    public var retryAfter: Duration?
    /// Why the transport produced no response, on `transport` and `timeout` errors raised by a
    /// transport; nil for every other error.
    public var transportFailure: TransportFailure?
    /// Further problems (for example the rest of a data file's errors) or hints.
    public var details: [String]

    public init(
        _ code: Code, _ message: String, provider: String? = nil, parameter: String? = nil,
        location: DataLocation? = nil, httpStatus: Int? = nil, providerCode: String? = nil,
        retryAfter: Duration? = nil, transportFailure: TransportFailure? = nil, details: [String] = []
    ) {
        self.code = code
        self.message = message
        self.provider = provider
        self.parameter = parameter
        self.location = location
        self.httpStatus = httpStatus
        self.providerCode = providerCode
        self.retryAfter = retryAfter
        self.transportFailure = transportFailure
        self.details = details
    }

    public var description: String {
        var text = ""
        if let location { text += "\(location): " }
        text += "\(code.rawValue): \(message)"
        var context: [String] = []
        if let provider { context.append("provider \(provider)") }
        if let parameter { context.append("parameter \(parameter)") }
        if let httpStatus { context.append("HTTP \(httpStatus)") }
        if let providerCode { context.append("provider code \(providerCode)") }
        if let retryAfter { context.append("retry after \(retryAfter.inSeconds)s") }
        if let transportFailure { context.append("transport failure \(transportFailure.rawValue)") }
        if !context.isEmpty { text += " (" + context.joined(separator: ", ") + ")" }
        text = text.escapingControlCharacters()
        for detail in details { text += "\n  " + detail.escapingControlCharacters() }
        return text
    }
}

extension FineTuningError: LocalizedError {
    public var errorDescription: String? { description }
}

/// A place in a data file: path, 1-based line and, where known, the field (`messages[2].content`).
public struct DataLocation: Sendable, Hashable, Codable, CustomStringConvertible {
    public var file: String
    public var line: Int?
    public var field: String?

    public init(file: String, line: Int? = nil, field: String? = nil) {
        self.file = file
        self.line = line
        self.field = field
    }

    public var description: String {
        var text = file
        if let line { text += ":\(line)" }
        if let field { text += ": \(field)" }
        return text
    }
}
