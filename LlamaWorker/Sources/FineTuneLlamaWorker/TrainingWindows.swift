import CLlama
import FineTuning
import Foundation

/// Rendered examples laid out in fixed-size windows, the unit llama.cpp trains on: per window the
/// input tokens, the target (next) token of every position, and whether that target is trained.
/// Every example gets a window of its own, starting at position 0 (never split; the rest is padding):
/// that is how generation sees a prompt. Two examples in one window would let the second answer lean
/// on the first (llama.cpp's training has no attention mask between them), and it was learnt only there.
struct TrainingWindows {
    let contextLength: Int
    var tokens: [llama_token] = []
    var targets: [llama_token] = []
    var trained: [Bool] = []
    /// Tokens that belong to examples (not padding), over all windows.
    var exampleTokens = 0

    var count: Int { tokens.count / max(1, contextLength) }

    /// A rendered example, with the data-file line it came from.
    struct Example {
        var line: Int
        var tokens: [llama_token]
        var trained: [Bool]
    }

    init(contextLength: Int) {
        self.contextLength = contextLength
    }

    /// One window per example; one longer than the context is an `invalidData` error naming its line.
    init(oneWindowEach examples: [Example], contextLength: Int, padding: llama_token, file: String) throws {
        self.init(contextLength: contextLength)
        for example in examples {
            // A window of n tokens trains n-1 targets inside itself plus one target past its end.
            guard example.tokens.count <= contextLength + 1 else {
                throw FineTuningError(
                    .invalidData,
                    "the example has \(example.tokens.count) tokens, more than the context length of \(contextLength) tokens; shorten it or raise the context_length hyperparameter (a multiple of 256)",
                    provider: "llamacpp", location: DataLocation(file: file, line: example.line))
            }
            append(example.tokens, example.trained, padding: padding)
        }
    }

    private mutating func append(_ window: [llama_token], _ mask: [Bool], padding: llama_token) {
        exampleTokens += window.count
        let padded = window + [llama_token](repeating: padding, count: contextLength + 1 - window.count)
        let paddedMask = mask + [Bool](repeating: false, count: contextLength + 1 - mask.count)
        tokens += padded.prefix(contextLength)
        targets += padded.dropFirst()
        trained += paddedMask.dropFirst()
    }

    /// Window `index`'s slice of `array`.
    func slice<T>(_ array: [T], _ index: Int) -> ArraySlice<T> {
        array[(index * contextLength)..<((index + 1) * contextLength)]
    }

    /// The windows in a new order (`order[i]` is the old index of new window i).
    func reordered(_ order: [Int]) -> TrainingWindows {
        var copy = TrainingWindows(contextLength: contextLength)
        copy.exampleTokens = exampleTokens
        for index in order {
            copy.tokens += slice(tokens, index)
            copy.targets += slice(targets, index)
            copy.trained += slice(trained, index)
        }
        return copy
    }

    /// The binary form `scripts/bench/direct-loop.c` reads: "FTWN", version 1, n_ctx, n_windows,
    /// then all tokens, all targets (int32) and all trained flags (uint8).
    func encoded() -> Data {
        var data = Data("FTWN".utf8)
        for value in [UInt32(1), UInt32(contextLength), UInt32(count)] { withUnsafeBytes(of: value.littleEndian) { data.append(contentsOf: $0) } }
        tokens.withUnsafeBytes { data.append(contentsOf: $0) }
        targets.withUnsafeBytes { data.append(contentsOf: $0) }
        data.append(contentsOf: trained.map { $0 ? 1 : 0 })
        return data
    }
}
