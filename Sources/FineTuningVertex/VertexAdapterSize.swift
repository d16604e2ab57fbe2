public import FineTuning

/// Vertex's `adapterSize` enum (`ADAPTER_SIZE_FOUR`): the names the tuning API takes and reports
/// for each LoRA rank, in both its v1 (Gemini) and v1beta1 (open models) tuning specs.
public enum VertexAdapterSize {
    /// Vertex's name of each rank it has.
    public static let names: [Int: String] = [
        1: "ADAPTER_SIZE_ONE", 2: "ADAPTER_SIZE_TWO", 4: "ADAPTER_SIZE_FOUR",
        8: "ADAPTER_SIZE_EIGHT", 16: "ADAPTER_SIZE_SIXTEEN", 32: "ADAPTER_SIZE_THIRTY_TWO",
    ]

    /// The encoding of Vertex's `adapterSize` rows: every rank Vertex has, sent by its name.
    public static let encoding = HyperparameterRule.Encoding.enumeration(
        Dictionary(uniqueKeysWithValues: names.map { (Double($0.key), $0.value) }))

    /// The adapter size Vertex reports as `name`; nil for a name Vertex does not define.
    public static func size(named name: String) -> AdapterSize? {
        names.first { $0.value == name }.map { .rank($0.key) }
    }
}
