import Foundation
public import Hummingbird

/// The per-request context: Hummingbird's core storage plus the principal the bearer key names.
public struct GatewayRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    /// Set by `BearerKeyMiddleware` before any `/v1` route runs.
    var principal: Principal?

    public init(source: ApplicationRequestContextSource) {
        coreContext = CoreRequestContextStorage(source: source)
    }

    /// The largest JSON body a route reads (uploads are streamed with their own limit).
    public var maxUploadSize: Int { GatewayConfiguration.maxJSONBodyBytes }

    /// The principal, which every `/v1` route has (the middleware refused requests without one).
    func requirePrincipal() throws -> Principal {
        guard let principal else { throw OpenAIError(.unauthorized, "Missing API key", code: "invalid_api_key") }
        return principal
    }

    /// The request's JSON body as `type`: over `maxUploadSize` is a 413, a field missing or of the
    /// wrong type a 400 naming it (both OpenAI-shaped, by `OpenAIErrorMiddleware`).
    func decode<Value: Decodable>(_ type: Value.Type, from request: Request) async throws -> Value {
        let buffer = try await request.body.collect(upTo: maxUploadSize)
        return try JSONDecoder().decode(type, from: Data(buffer.readableBytesView))
    }
}
