import Foundation

extension FineTuningClient {
    /// The epochs a local estimate assumes when none were given and the provider's default is not a number ("auto").
    public static let assumedEpochs = 3

    /// Prices a job without starting it: the request is routed, translated and its local files
    /// validated exactly as `createJob` does. A provider with capability `deferred_start` creates
    /// the job unstarted and prices it; the job is then cancelled, or kept when `keep` is true (to
    /// be started with `startJob`). Any other provider gets no request at all: the figures come
    /// from the local file's estimated tokens and the price table, after the provider's own checks
    /// when it offers them (`DryRunChecking`; the local `llamacpp`: the model and its memory plan).
    /// - Parameters:
    ///   - pricingTimeout: how long to poll a provider that prices a job only after validating its data.
    ///   - clock: what the polling waits on (tests pass an `ImmediateClock`).
    public func previewJob(
        _ request: CreateJobRequest, keep: Bool = false, pricingTimeout: Duration = .seconds(600), clock: any Clock<Duration> = ContinuousClock()
    ) async throws -> JobPreview {
        let prepared = try await prepare(request)
        if prepared.descriptor.capabilities.contains(.deferredStart) {
            return try await providerPreview(prepared, model: request.model, keep: keep, pricingTimeout: pricingTimeout, clock: clock)
        }
        guard !keep else {
            throw FineTuningError(
                .unsupported,
                "keeping the dry run's job needs a provider that creates jobs without starting them (deferred_start); '\(prepared.descriptor.id)' is priced locally and nothing is created",
                provider: prepared.descriptor.id, parameter: "keep")
        }
        return try await localPreview(prepared, model: request.model)
    }

    private func localPreview(_ prepared: PreparedCreate, model: String) async throws -> JobPreview {
        var preview = JobPreview(
            model: model, source: .localEstimate, trainingData: prepared.request.trainingData.description,
            epochs: prepared.request.hyperparameters.applied.epochs, epochsAssumed: false, notes: [], kept: false,
            warnings: prepared.warnings, datasetReports: prepared.datasetReports)
        // A provider that cannot be made (no credentials) has no checks to offer: it is priced locally as before.
        if let checking = try? registry.provider(for: prepared.model.provider) as? any DryRunChecking {
            preview.notes += try await checking.checkWithoutCreating(prepared.request)
        }
        if preview.epochs == nil {
            let defaultValue = prepared.descriptor.hyperparameters.rule(for: .epochs).defaultValue
            preview.epochsAssumed = true
            preview.epochs = defaultValue.flatMap { Int($0) } ?? Self.assumedEpochs
            if defaultValue.flatMap({ Int($0) }) == nil {
                preview.notes.append("epochs not given and chosen by the provider (\(defaultValue ?? "no default")): \(Self.assumedEpochs) assumed")
            }
        }
        guard let path = prepared.request.trainingData.localPath else {
            preview.notes.append(
                "the training file '\(prepared.request.trainingData)' is held by the provider and cannot be counted locally: no token or cost estimate (give a local file for one)")
            return preview
        }
        let statistics = try await BlockingBridge.onDedicatedThread { try DatasetStatisticsCollector.collect(path: path) }
        let epochs = preview.epochs ?? Self.assumedEpochs
        preview.dataTokens = Int64(statistics.estimatedTokens)
        preview.trainTokens = Int64(statistics.estimatedTokens * epochs)
        if let estimate = TrainingPricing.estimate(tokens: statistics.estimatedTokens, epochs: epochs, model: "\(prepared.model.provider)/\(prepared.model.model)") {
            preview.cost = estimate.usd
            preview.currency = "USD"
            preview.price = estimate.price
        } else {
            preview.notes.append("no price known for \(prepared.model.provider)/\(prepared.model.model): the price table has no row for it, so no cost is estimated")
        }
        return preview
    }

    private func providerPreview<C: Clock<Duration>>(
        _ prepared: PreparedCreate, model: String, keep: Bool, pricingTimeout: Duration, clock: C
    ) async throws -> JobPreview {
        let provider = try registry.provider(for: prepared.model.provider)
        var request = prepared.request
        request.startsImmediately = false
        var job = try await provider.createJob(request)
        let deadline = clock.now.advanced(by: pricingTimeout)
        while job.costPreview?.isPriced != true, !job.status.isTerminal, clock.now < deadline {
            try await clock.sleep(for: prepared.descriptor.pollInterval)
            job = try await provider.getJob(id: job.id.native)
        }
        var preview = JobPreview(
            model: model, source: .provider, trainingData: prepared.request.trainingData.description,
            dataTokens: job.costPreview?.dataTokens, trainTokens: job.costPreview?.trainTokens,
            epochs: job.hyperparameters.epochs ?? prepared.request.hyperparameters.applied.epochs,
            epochsAssumed: prepared.request.hyperparameters.applied.epochs == nil, cost: job.costPreview?.cost,
            currency: job.costPreview?.currency, expectedDurationSeconds: job.costPreview?.expectedDurationSeconds, notes: [],
            job: job, kept: false, warnings: prepared.warnings, datasetReports: prepared.datasetReports)
        if let error = job.error, job.status.isTerminal {
            preview.notes.append("\(prepared.descriptor.id) refused the job: \(error.message)")
        } else if job.costPreview?.isPriced != true {
            preview.notes.append("\(prepared.descriptor.id) did not price job \(job.id) within \(pricingTimeout.inSeconds) seconds (state \(job.providerStatus))")
        }
        guard !job.status.isTerminal else { return preview }
        if keep {
            preview.kept = true
            return preview
        }
        do {
            preview.job = try await provider.cancelJob(id: job.id.native)
        } catch var error as FineTuningError {
            error.message = "the dry run created job \(job.id) but could not cancel it (\(error.message)); cancel it with: finetune cancel \(job.id)"
            throw error
        }
        return preview
    }
}
