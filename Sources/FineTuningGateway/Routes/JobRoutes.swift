import FineTuning
import Foundation
import Hummingbird
import Logging

/// `/v1/fine_tuning/jobs`: create (stored first, then staged to the backend), list with `after`,
/// `limit`, `has_more` and `metadata[k]=v`, retrieve, cancel, pause, resume, events, checkpoints.
/// Reads come from the store, which the pollers keep current; actions go through the facade.
struct JobRoutes: Sendable {
    let store: GatewayStore
    let client: FineTuningClient
    let launcher: JobLauncher
    let localModels: LocalModelAllowList

    func register(on group: RouterGroup<GatewayRequestContext>) {
        group.post("fine_tuning/jobs", use: create)
        group.get("fine_tuning/jobs", use: list)
        group.get("fine_tuning/jobs/:job_id", use: retrieve)
        group.post("fine_tuning/jobs/:job_id/cancel", use: cancel)
        group.post("fine_tuning/jobs/:job_id/pause", use: pause)
        group.post("fine_tuning/jobs/:job_id/resume", use: resume)
        group.get("fine_tuning/jobs/:job_id/events", use: events)
        group.get("fine_tuning/jobs/:job_id/checkpoints", use: checkpoints)
    }

    @Sendable func create(_ request: Request, context: GatewayRequestContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let body = try await context.decode(JobCreateRequest.self, from: request)
        // Everything that needs no backend is checked before the job is stored.
        for (parameter, id) in [("training_file", body.trainingFile), ("validation_file", body.validationFile)] {
            guard let id else { continue }
            guard try await store.file(id, visibleTo: principal) != nil else {
                throw OpenAIError.badRequest("invalid \(parameter): no file '\(id)'", param: parameter)
            }
        }
        let model = try ModelReference(parsing: body.model, knownProviders: client.registry.providerIDs)
        try localModels.check(model)
        _ = try client.registry.registration(for: model.provider)
        _ = try body.normalizedHyperparameters()
        _ = try body.tuningMethod()
        if let metadata = body.metadata, metadata.count > 16 || metadata.contains(where: { $0.key.count > 64 || $0.value.count > 512 }) {
            throw OpenAIError.badRequest("metadata holds at most 16 pairs, keys up to 64 and values up to 512 characters", param: "metadata")
        }
        let job = StoredJob(
            id: "ftjob-" + GatewayIDs.random(), owner: principal.name, model: body.model, trainingFile: body.trainingFile,
            validationFile: body.validationFile, request: body, clientToken: UUID().uuidString.lowercased(), backendJobID: nil,
            status: .staging, fineTunedModel: nil, createdAt: Int64(Date().timeIntervalSince1970), finishedAt: nil, snapshot: nil,
            gatewayError: nil)
        try await store.insert(job, firstPollAfter: JobPoller.stagingGrace)
        do {
            return JSONResponse.make(OpenAIObjects.job(try await launcher.launch(job)))
        } catch let error as FineTuningError where !JobPoller.isPermanent(error) {
            // The backend may or may not have the job (unreachable, overloaded, an answer lost): the job
            // stays stored and a poller replays the create with the same client token, which finds the
            // backend's job if one was made.
            context.logger.warning("create deferred to the poller", metadata: ["job": "\(job.id)", "code": "\(error.code)"])
            return JSONResponse.make(OpenAIObjects.job(job))
        } catch {
            // Refused by the framework or the backend: never acknowledged, so not kept.
            try await store.deleteJob(job.id)
            throw error
        }
    }

    @Sendable func list(_ request: Request, context: GatewayRequestContext) async throws -> Response {
        let query = request.uri.queryParameters
        let limit = try Self.limit(query.get("limit"))
        var metadata: [String: String] = [:]
        for (rawKey, value) in query {
            // SDKs send `metadata[k]=v` with the brackets percent-encoded; Hummingbird decodes the values
            // (once: decoding them again would turn a literal `%41` into `A`) but not the keys.
            let key = rawKey.utf8.contains(UInt8(ascii: "%")) ? String(rawKey).removingPercentEncoding ?? String(rawKey) : String(rawKey)
            guard key.hasPrefix("metadata["), key.hasSuffix("]") else { continue }
            metadata[String(key.dropFirst("metadata[".count).dropLast())] = String(value)
        }
        let page = try await store.jobs(visibleTo: try context.requirePrincipal(), after: query.get("after"), limit: limit, metadata: metadata)
        return JSONResponse.make(serialized: OpenAIObjects.list(serialized: page.jobs.map(\.object), hasMore: page.hasMore))
    }

    @Sendable func retrieve(_ request: Request, context: GatewayRequestContext) async throws -> Response {
        let id = try context.coreContext.parameters.require("job_id")
        guard let rendered = try await store.renderedJob(id, visibleTo: try context.requirePrincipal()) else {
            throw Self.notFound(id)
        }
        return JSONResponse.make(serialized: rendered.object)
    }

    @Sendable func cancel(_ request: Request, context: GatewayRequestContext) async throws -> Response {
        try await act(context) { try await client.cancelJob($0) }
    }

    @Sendable func pause(_ request: Request, context: GatewayRequestContext) async throws -> Response {
        try await act(context) { try await client.pauseJob($0) }
    }

    @Sendable func resume(_ request: Request, context: GatewayRequestContext) async throws -> Response {
        try await act(context) { try await client.resumeJob($0) }
    }

    /// Runs a job action on the backend through the facade and stores the job as it answers.
    private func act(_ context: GatewayRequestContext, _ action: (JobID) async throws -> FineTuningJob) async throws -> Response {
        let job = try await ownedJob(context)
        guard let backendID = job.backendJobID else {
            throw OpenAIError(.conflict, "Job \(job.id) is still being handed to its backend; try again in a moment.", code: "job_staging")
        }
        if job.status.isTerminal {
            throw OpenAIError(.conflict, "Job \(job.id) has already ended (\(OpenAIObjects.status(job.status))).", code: "job_finished")
        }
        let updated = try await action(backendID)
        try await store.update(job, from: updated, nextPoll: Date().addingTimeInterval(launcher.pollInterval(of: updated)))
        return JSONResponse.make(OpenAIObjects.job(try await ownedJob(context)))
    }

    @Sendable func events(_ request: Request, context: GatewayRequestContext) async throws -> Response {
        let job = try await ownedJob(context)
        let query = request.uri.queryParameters
        let page = try await store.events(ofJob: job.id, after: query.get("after"), limit: try Self.limit(query.get("limit")))
        return JSONResponse.make(OpenAIObjects.list(page.events.map(OpenAIObjects.event), hasMore: page.hasMore))
    }

    @Sendable func checkpoints(_ request: Request, context: GatewayRequestContext) async throws -> Response {
        let job = try await ownedJob(context)
        let limit = try Self.limit(request.uri.queryParameters.get("limit"))
        guard let backendID = job.backendJobID else {
            return JSONResponse.make(OpenAIObjects.list([], hasMore: false))
        }
        var checkpoints: [Checkpoint] = []
        for try await checkpoint in try client.checkpoints(backendID, pageSize: limit) {
            checkpoints.append(checkpoint)
            if checkpoints.count > limit { break }
        }
        let shown = checkpoints.prefix(limit).map { OpenAIObjects.checkpoint($0, job: job) }
        return JSONResponse.make(OpenAIObjects.list(Array(shown), hasMore: checkpoints.count > limit))
    }

    private func ownedJob(_ context: GatewayRequestContext) async throws -> StoredJob {
        let id = try context.coreContext.parameters.require("job_id")
        guard let job = try await store.job(id, visibleTo: try context.requirePrincipal()) else {
            throw Self.notFound(id)
        }
        return job
    }

    private static func notFound(_ id: String) -> OpenAIError {
        OpenAIError.notFound("fine-tuning job", id, param: "fine_tuning_job_id")
    }

    /// `limit` from the query: 1...100, default 20.
    static func limit(_ text: String?) throws -> Int {
        guard let text else { return 20 }
        guard let value = Int(text), (1...100).contains(value) else {
            throw OpenAIError.badRequest("limit must be a whole number from 1 to 100, got '\(text)'", param: "limit")
        }
        return value
    }
}
