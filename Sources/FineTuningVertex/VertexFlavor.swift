import FineTuning

/// What differs between the two Vertex providers, as data: one `VertexTuningProvider` type serves
/// both Gemini tuning (`vertex_ai`, API v1) and open-model tuning (`model_garden`, API v1beta1).
struct VertexFlavor: Sendable {
    /// The provider id in model strings.
    let id: String
    let displayName: String
    /// `v1` or `v1beta1`: the fields open models need exist only in v1beta1.
    let apiVersion: String
    let hyperparameters: HyperparameterTable
    let dataset: DatasetRequirements
    /// The preference (DPO) data rules; nil when the flavor has no preference tuning.
    let preferenceDataset: DatasetRequirements?
    /// Open models also take `tuningMode` and a required `outputUri`.
    let family: VertexModelCatalog.Family
    /// Where pass-through parameters go when they are not hyperparameters: native name -> place.
    let placement: [String: VertexRequestEncoding.Placement]

    /// Gemini supervised tuning on `/v1/.../tuningJobs`.
    static let gemini = VertexFlavor(
        id: "vertex_ai", displayName: "Vertex AI (Gemini supervised and preference tuning)", apiVersion: "v1",
        hyperparameters: .vertexGemini,
        dataset: .vertexGemini,
        preferenceDataset: .vertexGeminiPreference,
        family: .gemini,
        placement: ["exportLastCheckpointOnly": .tuningSpec])

    /// Open models (Llama, Gemma, Qwen) on `/v1beta1/.../tuningJobs`. Vertex takes chat-style
    /// `{"messages":[...]}` JSONL for open models, so the dataset format is OpenAI chat (without
    /// OpenAI's own limits: Vertex states no minimum count or file size for open models).
    static let modelGarden = VertexFlavor(
        id: "model_garden", displayName: "Vertex AI Model Garden (open-model tuning)", apiVersion: "v1beta1",
        hyperparameters: .modelGarden,
        dataset: DatasetRequirements(format: .openAIChat, minExamples: 1),
        preferenceDataset: nil,
        family: .openModels,
        placement: ["tuningMode": .tuningSpec, "outputUri": .job, "customBaseModel": .job, "exportLastCheckpointOnly": .tuningSpec])

    /// The descriptor the registry shows without credentials. No `events`: Vertex has no events
    /// endpoint and reports no training metrics on the job (progress is on `FineTuningJob.progress`).
    var descriptor: ProviderDescriptor {
        ProviderDescriptor(
            id: id, displayName: displayName, capabilities: [.checkpoints, .fileUpload],
            hyperparameters: hyperparameters, dataset: dataset, pollInterval: .seconds(30),
            environment: VertexSettings.environmentKeys, preferenceDataset: preferenceDataset)
    }
}
