import FineTuning
import Foundation

/// A model llama.cpp can train: an F32 GGUF as it is, or one stored as F16, BF16 or a quantized type
/// that the worker first converts to F32 inside the job folder (llama.cpp's optimizer changes only
/// F32 weights; on others it runs but the weights do not move). Converting needs the caller's consent,
/// because the F32 copy is 2 to 8 times the size of the file.
public struct TrainableModel: Sendable {
    public let file: GGUFFile
    /// Set when the model has to be converted first.
    public let conversion: ModelConversion?

    /// Architectures whose llama.cpp graph uses an operation without a backward pass in ggml (GEGLU).
    static let untrainableArchitectures: Set<String> = ["gemma", "gemma2", "gemma3", "gemma3n", "gemma-embedding"]

    /// Opens `path`; a model that is not F32 needs `consentToConvert` (`--option convert_to_f32=true`),
    /// otherwise the error says what converting costs.
    public init(path: String, consentToConvert: Bool) throws {
        file = try GGUFFile(path: path)
        guard file.architecture != nil, !file.tensors.isEmpty else {
            throw FineTuningError(.invalidRequest, "'\(path)' is a GGUF file but not a model (no architecture or no tensors)", provider: "llamacpp", parameter: "model")
        }
        if let architecture = file.architecture, Self.untrainableArchitectures.contains(architecture) {
            throw FineTuningError(
                .unsupported,
                "'\(path)' is a \(architecture) model, which llama.cpp cannot train: ggml has no backward pass for its GEGLU feed-forward (llama.cpp aborts with \"unsupported glu op for backward pass: GEGLU\")",
                provider: "llamacpp", parameter: "model")
        }
        let other = file.tensors.filter { $0.type != .f32 }
        guard let first = other.first else {
            conversion = nil
            return
        }
        let types = Set(other.map(\.type.description)).sorted().joined(separator: ", ")
        let sourceBytes = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? NSNumber)?.int64Value ?? 0
        let convertedBytes = Int64(file.tensors.reduce(0) { $0 + $1.elementCount }) * 4
        let conversion = ModelConversion(
            sourcePath: path, sourceTypes: types, fileType: file["general.file_type"]?.intValue,
            sourceBytes: sourceBytes, convertedBytes: convertedBytes)
        guard consentToConvert else {
            throw FineTuningError(
                .invalidRequest,
                "'\(path)' stores \(other.count) of \(file.tensors.count) tensors as \(types) (for example \(first.name)); llama.cpp trains only F32 weights. "
                    + "Add --option convert_to_f32=true to have the job convert it with llama.cpp's own routines: \(conversion.cost)",
                provider: "llamacpp", parameter: "model")
        }
        self.conversion = conversion
    }
}

/// How a job turns its non-F32 model into the F32 model it trains, and back.
public struct ModelConversion: Sendable, Hashable, Codable {
    /// The model the caller gave.
    public var sourcePath: String
    /// Its tensor types other than F32 (`Q8_0`, `F16, Q6_K`).
    public var sourceTypes: String
    /// Its `general.file_type` (llama.cpp's `llama_ftype`): the tuned model is written back in it.
    public var fileType: Int?
    public var sourceBytes: Int64
    /// Size of the F32 copy.
    public var convertedBytes: Int64

    /// llama.cpp's name of a `llama_ftype`, for file names and messages.
    public static func fileTypeName(_ fileType: Int) -> String {
        let names = [
            0: "F32", 1: "F16", 2: "Q4_0", 3: "Q4_1", 7: "Q8_0", 8: "Q5_0", 9: "Q5_1", 10: "Q2_K", 11: "Q3_K_S", 12: "Q3_K_M",
            13: "Q3_K_L", 14: "Q4_K_S", 15: "Q4_K_M", 16: "Q5_K_S", 17: "Q5_K_M", 18: "Q6_K", 32: "BF16",
        ]
        return names[fileType] ?? "file type \(fileType)"
    }

    /// The F32 copy's name inside the job folder.
    public static let convertedFileName = "base-f32.gguf"

    /// What converting costs, for the consent error and the job's notice.
    public var cost: String {
        "the F32 copy takes \(ByteCountText.text(convertedBytes)) in the job folder (the \(sourceTypes) file is \(ByteCountText.text(sourceBytes))), "
            + "and training holds it in memory with its gradients and optimizer state (see the memory plan)"
    }

    enum CodingKeys: String, CodingKey {
        case sourcePath = "source_path", sourceTypes = "source_types", fileType = "file_type"
        case sourceBytes = "source_bytes", convertedBytes = "converted_bytes"
    }
}
