import FineTuning

extension GGUFFile {
    /// Opens `path` and checks that llama.cpp can train it: a GGUF file whose weights are all F32.
    /// (On F16 or quantized weights llama.cpp's optimizer runs but the weights do not change.)
    public static func trainableModel(at path: String) throws -> GGUFFile {
        let file = try GGUFFile(path: path)
        guard file.architecture != nil, !file.tensors.isEmpty else {
            throw FineTuningError(.invalidRequest, "'\(path)' is a GGUF file but not a model (no architecture or no tensors)", provider: "llamacpp", parameter: "model")
        }
        let other = file.tensors.filter { $0.type != .f32 }
        if let first = other.first {
            let types = Set(other.map(\.type.description)).sorted().joined(separator: ", ")
            throw FineTuningError(
                .invalidRequest,
                "'\(path)' stores \(other.count) of \(file.tensors.count) tensors as \(types) (for example \(first.name)); llama.cpp trains only F32 weights. Convert the model to F32 first, e.g. convert_hf_to_gguf.py --outtype f32, or llama-quantize --allow-requantize IN.gguf OUT.gguf F32",
                provider: "llamacpp", parameter: "model")
        }
        return file
    }
}
