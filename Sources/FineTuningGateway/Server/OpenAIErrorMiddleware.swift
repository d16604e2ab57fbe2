import FineTuning
import Hummingbird
import Logging
import NIOCore

/// Turns every error a route throws into OpenAI's error shape: the framework's errors by their code,
/// Hummingbird's (413, 404 for an unknown route) by their status, decoding errors as 400, anything
/// else as a 500 that says no more than that (the detail goes to the log).
struct OpenAIErrorMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as OpenAIError {
            throw error
        } catch let error as FineTuningError {
            throw OpenAIError(error)
        } catch let error as HTTPError {
            if error.status == .contentTooLarge { throw OpenAIError.tooLarge(limit: context.maxUploadSize) }
            throw OpenAIError(error.status, error.body ?? error.status.reasonPhrase)
        } catch is NIOTooManyBytesError {
            throw OpenAIError.tooLarge(limit: context.maxUploadSize)
        } catch let error as DecodingError {
            throw OpenAIError.badRequest(Self.describe(error), param: Self.field(of: error))
        } catch {
            context.logger.error("request failed", metadata: ["path": "\(request.uri.path)", "error": "\(String(reflecting: type(of: error)))"])
            throw OpenAIError(.internalServerError, "The server had an error while processing your request.")
        }
    }

    static func field(of error: DecodingError) -> String? {
        let path: [any CodingKey] = switch error {
        case .keyNotFound(let key, let context): context.codingPath + [key]
        case .typeMismatch(_, let context), .valueNotFound(_, let context), .dataCorrupted(let context): context.codingPath
        @unknown default: []
        }
        return path.isEmpty ? nil : path.map(\.stringValue).joined(separator: ".")
    }

    static func describe(_ error: DecodingError) -> String {
        switch error {
        case .keyNotFound(let key, _): "Missing required parameter: '\(key.stringValue)'."
        case .typeMismatch(let type, _): "Invalid type for '\(field(of: error) ?? "body")': expected \(type)."
        case .valueNotFound(let type, _): "Invalid value for '\(field(of: error) ?? "body")': expected \(type)."
        case .dataCorrupted(let context): "The request body is not valid JSON: \(context.debugDescription)"
        @unknown default: "The request body could not be read."
        }
    }
}
