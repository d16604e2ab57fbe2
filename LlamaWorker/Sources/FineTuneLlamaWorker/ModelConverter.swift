import CLlama
import FineTuning
import FineTuningLlamaCpp
import Foundation

/// Converts a model between its stored type and F32 with llama.cpp's quantization API: dequantizing
/// runs ggml's own `to_float` routine of each tensor type, quantizing ggml's own quantizers (and
/// llama.cpp's per-tensor choices for mixtures such as Q4_K_M). The output is written under a
/// temporary name and renamed into place, so an interrupted conversion never leaves a partial model.
enum ModelConverter {
    /// Writes `input` as `fileType` (a `llama_ftype`) to `output`.
    static func convert(_ input: String, to output: String, fileType: Int, threads: Int) throws {
        var parameters = llama_model_quantize_default_params()
        parameters.nthread = Int32(threads)
        parameters.ftype = llama_ftype(rawValue: UInt32(fileType))
        parameters.allow_requantize = true
        parameters.quantize_output_tensor = true
        let partial = output + ".partial"
        try? FileManager.default.removeItem(atPath: partial)
        guard llama_model_quantize(input, partial, &parameters) == 0 else {
            try? FileManager.default.removeItem(atPath: partial)
            throw FineTuningError(
                .providerError, "llama.cpp could not convert '\(input)' to \(ModelConversion.fileTypeName(fileType)) (see the worker log for its reason)",
                provider: "llamacpp", parameter: "model")
        }
        try? FileManager.default.removeItem(atPath: output)
        try FileManager.default.moveItem(atPath: partial, toPath: output)
    }

    /// Makes the F32 model the job trains from its source model, unless an earlier run already did.
    static func prepareTrainingModel(_ conversion: ModelConversion, at path: String, threads: Int) throws -> TimeInterval? {
        guard !FileManager.default.fileExists(atPath: path) else { return nil }
        let started = Date()
        try convert(conversion.sourcePath, to: path, fileType: 0, threads: threads)
        let converted = try GGUFFile(path: path)
        if let left = converted.tensors.first(where: { $0.type != .f32 }) {
            try? FileManager.default.removeItem(atPath: path)
            throw FineTuningError(
                .unsupported, "llama.cpp left tensor '\(left.name)' of '\(conversion.sourcePath)' as \(left.type) when converting to F32; this model cannot be trained",
                provider: "llamacpp", parameter: "model")
        }
        return Date().timeIntervalSince(started)
    }
}
