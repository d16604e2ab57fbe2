import Hummingbird

/// `/v1/models` and `/v1/models/{id}`: the tuned models of the key's jobs.
struct ModelRoutes: Sendable {
    let store: GatewayStore

    func register(on group: RouterGroup<GatewayRequestContext>) {
        group.get("models", use: list)
        group.get("models/:model_id", use: retrieve)
    }

    @Sendable func list(_ request: Request, context: GatewayRequestContext) async throws -> Response {
        let jobs = try await store.tunedModels(visibleTo: try context.requirePrincipal())
        return JSONResponse.make(OpenAIObjects.list(jobs.map(OpenAIObjects.model), hasMore: false))
    }

    @Sendable func retrieve(_ request: Request, context: GatewayRequestContext) async throws -> Response {
        let id = try context.coreContext.parameters.require("model_id")
        guard let job = try await store.tunedModels(visibleTo: try context.requirePrincipal()).first(where: { $0.fineTunedModel == id }) else {
            throw OpenAIError(.notFound, "The model '\(id)' does not exist or you do not have access to it.", param: "model", code: "model_not_found")
        }
        return JSONResponse.make(OpenAIObjects.model(job))
    }
}
