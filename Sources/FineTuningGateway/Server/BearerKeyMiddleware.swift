import Hummingbird

/// Refuses every request without an active `Authorization: Bearer KEY` (401, OpenAI-shaped) and
/// puts the key's principal on the context.
struct BearerKeyMiddleware: RouterMiddleware {
    typealias Context = GatewayRequestContext
    let store: GatewayStore

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard let header = request.headers[.authorization], header.hasPrefix("Bearer "), header.count > 7 else {
            throw OpenAIError(
                .unauthorized, "You didn't provide an API key. Send it as 'Authorization: Bearer KEY' (keys come from 'finetune keys create NAME').",
                code: "missing_api_key")
        }
        guard let principal = try await store.principal(forKey: String(header.dropFirst(7))) else {
            throw OpenAIError(.unauthorized, "Incorrect API key provided.", code: "invalid_api_key")
        }
        var context = context
        context.principal = principal
        return try await next(request, context)
    }
}
