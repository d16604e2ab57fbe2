import CLlama
import FineTuning
import FineTuningLlamaCpp
import Foundation

/// A loaded llama.cpp model and its vocabulary.
final class LlamaModel {
    let pointer: OpaquePointer
    let vocab: OpaquePointer
    let path: String
    /// The GGUF whose metadata `save(to:)` copies back: the model as the user gave it. A model resumed
    /// from a checkpoint names the job's base model here, since its checkpoint may be pruned meanwhile.
    let metadataSource: String

    /// Loads `path`; `writable` loads the weights into memory (no mmap), as training requires.
    init(path: String, metadataSource: String? = nil, writable: Bool) throws {
        var parameters = llama_model_default_params()
        parameters.n_gpu_layers = 0
        if writable { parameters.load_mode = LLAMA_LOAD_MODE_NONE }
        guard let model = llama_model_load_from_file(path, parameters) else {
            throw FineTuningError(.invalidRequest, "llama.cpp could not load '\(path)' (see the worker log for its reason)", provider: "llamacpp", parameter: "model")
        }
        pointer = model
        vocab = llama_model_get_vocab(model)
        self.path = path
        self.metadataSource = metadataSource ?? path
    }

    deinit { llama_model_free(pointer) }

    var vocabularySize: Int { Int(llama_vocab_n_tokens(vocab)) }
    var trainedContextLength: Int { Int(llama_model_n_ctx_train(pointer)) }
    var endOfSequence: llama_token { llama_vocab_eos(vocab) }

    func isEndOfGeneration(_ token: llama_token) -> Bool { llama_vocab_is_eog(vocab, token) }

    /// The model's own chat template, if its metadata has one.
    var chatTemplate: String? { llama_model_chat_template(pointer, nil).map { String(cString: $0) } }

    /// Tokenizes `text`; `addSpecial` adds the BOS token where the vocabulary wants one, special tokens
    /// written in the text (`<|im_end|>`) are always parsed as such.
    func tokenize(_ text: String, addSpecial: Bool) -> [llama_token] {
        let utf8 = Array(text.utf8CString.dropLast())
        var tokens = [llama_token](repeating: 0, count: utf8.count + 8)
        var count = llama_tokenize(vocab, utf8, Int32(utf8.count), &tokens, Int32(tokens.count), addSpecial, true)
        if count < 0 {
            tokens = [llama_token](repeating: 0, count: Int(-count))
            count = llama_tokenize(vocab, utf8, Int32(utf8.count), &tokens, Int32(tokens.count), addSpecial, true)
        }
        return Array(tokens.prefix(Int(max(0, count))))
    }

    /// The text of `token`'s piece (raw bytes; may be part of a UTF-8 character); `special` renders
    /// control tokens as their text (`</s>`) instead of nothing.
    func piece(_ token: llama_token, special: Bool = false) -> [UInt8] {
        var buffer = [CChar](repeating: 0, count: 64)
        var length = llama_token_to_piece(vocab, token, &buffer, Int32(buffer.count), 0, special)
        if length < 0 {
            buffer = [CChar](repeating: 0, count: Int(-length))
            length = llama_token_to_piece(vocab, token, &buffer, Int32(buffer.count), 0, special)
        }
        return buffer.prefix(Int(max(0, length))).map { UInt8(bitPattern: $0) }
    }

    /// Writes the model (with its current, possibly trained, weights) as GGUF, with the metadata
    /// llama.cpp's saver leaves out (such as the chat template) copied from `metadataSource`.
    func save(to path: String) throws {
        llama_model_save_to_file(pointer, path)
        guard FileManager.default.fileExists(atPath: path) else {
            throw FineTuningError(.providerError, "llama.cpp did not write the model to \(path)", provider: "llamacpp")
        }
        try GGUFMetadataRestorer.restore(from: try GGUFFile(path: metadataSource), into: path)
    }
}

/// Sends llama.cpp's log to standard error (the job's worker.log) at warning level and above, unless verbose.
enum LlamaLog {
    static func install(verbose: Bool) {
        llama_backend_init()
        guard !verbose else { return }
        llama_log_set({ level, text, _ in
            guard let text, level.rawValue >= GGML_LOG_LEVEL_WARN.rawValue, level != GGML_LOG_LEVEL_CONT else { return }
            FileHandle.standardError.write(Data(String(cString: text).utf8))
        }, nil)
    }
}
