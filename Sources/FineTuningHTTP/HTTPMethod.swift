@_exported public import HTTPTypes

/// An HTTP request method (`.get`, `.post`, ...): swift-http-types' type, the one Hummingbird and
/// async-http-client use, so a request method crosses into the server ecosystem unchanged. Its
/// `rawValue` is the method token as sent (`GET`); `HTTPMethod("PATCH")` validates one from text.
public typealias HTTPMethod = HTTPTypes.HTTPRequest.Method
