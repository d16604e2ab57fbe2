/// A local job as a create request describes it, checked but not stored: the model to train, the
/// training set-up and the memory plan. `createJob` stores and starts it; a dry run reports it.
struct PlannedJob: Sendable {
    var model: TrainableModel
    var spec: TrainingSpec
    var memory: MemoryPlan

    /// The memory plan as the job's first event and the dry run state it.
    var memoryPlanNotice: String {
        let upperBound = spec.contextLength == nil
            ? " (an upper bound: the context is sized for one token per byte until the worker has tokenized the data)" : ""
        return memory.description + upperBound
    }

    /// The notice that the model is converted to F32 first, with what that costs; nil for an F32 model.
    var conversionNotice: String? {
        model.conversion.map { "'\($0.sourcePath)' stores \($0.sourceTypes) weights: the job converts it to F32 before training; \($0.cost)" }
    }
}
