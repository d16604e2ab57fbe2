public import FineTuning
import Foundation
public import Hummingbird

/// An error in OpenAI's shape: `{"error": {"message", "type", "param", "code"}}` with the matching
/// HTTP status, so the official SDKs raise their usual exception types.
public struct OpenAIError: Error, HTTPResponseError, Sendable {
    public var status: HTTPResponse.Status
    public var type: String
    public var message: String
    public var param: String?
    public var code: String?

    public init(_ status: HTTPResponse.Status, _ message: String, type: String? = nil, param: String? = nil, code: String? = nil) {
        self.status = status
        self.message = message
        self.param = param
        self.code = code
        self.type = type ?? Self.type(for: status)
    }

    static func type(for status: HTTPResponse.Status) -> String {
        switch status.code {
        case 401: "authentication_error"
        case 403: "permission_error"
        case 404, 400, 409, 413, 415, 422: "invalid_request_error"
        case 429: "rate_limit_error"
        default: "server_error"
        }
    }

    static func notFound(_ what: String, _ id: String, param: String? = nil) -> OpenAIError {
        OpenAIError(.notFound, "No such \(what): '\(id)'", param: param, code: "not_found")
    }

    static func badRequest(_ message: String, param: String?) -> OpenAIError {
        OpenAIError(.badRequest, message, param: param, code: "invalid_request")
    }

    static func tooLarge(limit: Int) -> OpenAIError {
        OpenAIError(.contentTooLarge, "The request body is larger than the limit of \(limit) bytes", code: "request_too_large")
    }

    /// The framework's error with the status that fits its code; the message is already free of secrets.
    public init(_ error: FineTuningError) {
        let status: HTTPResponse.Status = switch error.code {
        case .invalidRequest, .invalidData, .unsupported: .badRequest
        case .authentication: .unauthorized
        case .permissionDenied: .forbidden
        case .notFound: .notFound
        case .conflict: .conflict
        case .rateLimited, .quotaExceeded: .tooManyRequests
        case .timeout: .gatewayTimeout
        case .providerUnavailable, .transport, .providerError, .pluginABI: .badGateway
        default: .internalServerError
        }
        var message = error.message
        if let location = error.location { message = "\(location): \(message)" }
        if !error.details.isEmpty { message += "\n" + error.details.joined(separator: "\n") }
        self.init(status, message, param: error.parameter, code: error.code.rawValue)
    }

    public func response(from request: Request, context: some RequestContext) throws -> Response {
        var body: [String: JSONValue] = ["message": .string(message), "type": .string(type)]
        body["param"] = param.map(JSONValue.string) ?? .null
        body["code"] = code.map(JSONValue.string) ?? .null
        return JSONResponse.make(status: status, JSONValue.object(["error": .object(body)]))
    }
}

/// JSON responses from the gateway's `JSONValue` documents.
enum JSONResponse {
    static func make(status: HTTPResponse.Status = .ok, _ value: JSONValue) -> Response {
        make(status: status, serialized: ByteBuffer(bytes: value.serialized()))
    }

    /// A response whose body is JSON text already serialized.
    static func make(status: HTTPResponse.Status = .ok, serialized body: ByteBuffer) -> Response {
        Response(status: status, headers: [.contentType: "application/json"], body: ResponseBody(byteBuffer: body))
    }
}
