import FineTuning
import Foundation
import NIOCore

/// The gateway's objects in OpenAI's wire shapes (`file`, `fine_tuning.job`, `fine_tuning.job.event`,
/// `fine_tuning.job.checkpoint`, `model`, `list`), as the official SDKs parse them.
enum OpenAIObjects {
    static func list(_ data: [JSONValue], hasMore: Bool) -> JSONValue {
        ["object": "list", "data": .array(data), "has_more": .bool(hasMore)]
    }

    /// A `list` of objects already serialized, as the bytes `list(_:hasMore:)` would give (members in
    /// sorted order), joined without parsing the objects again.
    static func list(serialized objects: [ByteBuffer], hasMore: Bool) -> ByteBuffer {
        let prefix = #"{"data":["#, suffix = hasMore ? #"],"has_more":true,"object":"list"}"# : #"],"has_more":false,"object":"list"}"#
        var list = ByteBuffer()
        list.reserveCapacity(prefix.utf8.count + suffix.utf8.count + objects.count + objects.reduce(0) { $0 + $1.readableBytes })
        list.writeString(prefix)
        for (index, object) in objects.enumerated() {
            if index > 0 { list.writeInteger(UInt8(ascii: ",")) }
            list.writeImmutableBuffer(object)
        }
        list.writeString(suffix)
        return list
    }

    static func file(_ file: StoredFile) -> JSONValue {
        [
            "id": .string(file.id), "object": "file", "bytes": .integer(file.bytes), "created_at": .integer(file.createdAt),
            "filename": .string(file.filename), "purpose": .string(file.purpose), "status": "processed", "status_details": .null,
            "expires_at": .null,
        ]
    }

    static func deleted(_ id: String, object: String) -> JSONValue {
        ["id": .string(id), "object": .string(object), "deleted": true]
    }

    /// OpenAI's status names; the gateway's `staging` is OpenAI's `validating_files`.
    static func status(_ status: GatewayJobStatus) -> String {
        switch status {
        case .staging, .backend(.validating): "validating_files"
        case .backend(.expired): "failed"
        case .backend(let other): other.name
        }
    }

    static func job(_ job: StoredJob) -> JSONValue {
        let applied = job.snapshot?.hyperparameters ?? ((try? job.request.normalizedHyperparameters()) ?? Hyperparameters())
        var hyperparameters: [String: JSONValue] = [
            "n_epochs": applied.epochs.map { .integer(Int64($0)) } ?? "auto",
            "batch_size": applied.batchSize.map { .integer(Int64($0)) } ?? "auto",
            "learning_rate_multiplier": applied.learningRateMultiplier.map(JSONValue.number) ?? "auto",
        ]
        if let learningRate = applied.learningRate { hyperparameters["learning_rate"] = .number(learningRate) }
        if let adapter = applied.adapterSize { hyperparameters["adapter_size"] = .integer(Int64(adapter.rank)) }
        let method = (try? job.request.tuningMethod()) ?? .supervised
        var error: JSONValue = .null
        if let failure = job.gatewayError ?? job.snapshot?.error, job.status == .backend(.failed) || job.status == .backend(.expired) {
            error = [
                "code": .string(failure.code ?? "job_failed"), "message": .string(failure.message),
                "param": failure.parameter.map(JSONValue.string) ?? .null,
            ]
        }
        return [
            "object": "fine_tuning.job", "id": .string(job.id), "model": .string(job.model),
            "created_at": .integer(job.createdAt), "finished_at": job.finishedAt.map(JSONValue.integer) ?? .null,
            "fine_tuned_model": job.fineTunedModel.map(JSONValue.string) ?? .null,
            "organization_id": .string("org-\(job.owner)"), "result_files": [], "status": .string(status(job.status)),
            "training_file": .string(job.trainingFile), "validation_file": job.validationFile.map(JSONValue.string) ?? .null,
            "hyperparameters": .object(hyperparameters),
            "method": .object(["type": .string(method.rawValue), method.rawValue: ["hyperparameters": .object(hyperparameters)]]),
            "trained_tokens": job.snapshot?.trainedTokens.map(JSONValue.integer) ?? .null, "error": error,
            "seed": .integer(Int64(applied.seed ?? job.request.seed ?? 0)),
            "metadata": job.metadata.isEmpty ? .null : .object(job.metadata.mapValues(JSONValue.string)),
            "user_provided_suffix": job.request.suffix.map(JSONValue.string) ?? .null,
            "estimated_finish": .null, "integrations": [],
        ]
    }

    static func event(_ stored: StoredEvent) -> JSONValue {
        var data: [String: JSONValue] = [:]
        if let metrics = stored.event.metrics {
            if let step = metrics.step { data["step"] = .integer(Int64(step)) }
            if let total = metrics.totalSteps { data["total_steps"] = .integer(Int64(total)) }
            if let epoch = metrics.epoch { data["epoch"] = .number(epoch) }
            if let loss = metrics.trainLoss { data["train_loss"] = .number(loss) }
            if let loss = metrics.validLoss { data["valid_loss"] = .number(loss) }
            if let accuracy = metrics.trainAccuracy { data["train_mean_token_accuracy"] = .number(accuracy) }
            if let accuracy = metrics.validAccuracy { data["valid_mean_token_accuracy"] = .number(accuracy) }
        }
        return [
            "object": "fine_tuning.job.event", "id": .string(stored.publicID),
            "created_at": .integer(Int64((stored.event.createdAt ?? Date()).timeIntervalSince1970)),
            "level": .string(stored.event.level == .warning ? "warn" : stored.event.level.rawValue), "message": .string(stored.event.message),
            "type": stored.event.metrics == nil ? "message" : "metrics", "data": .object(data),
        ]
    }

    static func checkpoint(_ checkpoint: Checkpoint, job: StoredJob) -> JSONValue {
        var metrics: [String: JSONValue] = [:]
        if let step = checkpoint.metrics?.step ?? checkpoint.step { metrics["step"] = .integer(Int64(step)) }
        if let loss = checkpoint.metrics?.trainLoss { metrics["train_loss"] = .number(loss) }
        if let loss = checkpoint.metrics?.validLoss { metrics["valid_loss"] = .number(loss) }
        return [
            "object": "fine_tuning.job.checkpoint", "id": .string(checkpoint.id),
            "created_at": .integer(Int64((checkpoint.createdAt ?? Date()).timeIntervalSince1970)),
            "fine_tuned_model_checkpoint": checkpoint.model.map(JSONValue.string) ?? .null,
            "fine_tuning_job_id": .string(job.id), "step_number": .integer(Int64(checkpoint.step ?? 0)), "metrics": .object(metrics),
        ]
    }

    static func model(_ job: StoredJob) -> JSONValue {
        [
            "id": .string(job.fineTunedModel ?? job.id), "object": "model", "created": .integer(job.finishedAt ?? job.createdAt),
            "owned_by": .string(job.owner),
        ]
    }
}
