import FineTuning
import Foundation

/// The peak memory a local job will need, estimated before it starts from the model's GGUF metadata
/// and the training set-up: F32 weights, gradients and optimizer state of the trained matrices, the
/// key/value cache and the activations llama.cpp keeps for the backward pass at the chosen context,
/// the logits, and the process itself. `scripts/bench-llama-real.sh` and the tests compare it with
/// the worker's measured peak RSS.
public struct MemoryPlan: Sendable, Hashable, CustomStringConvertible {
    /// All weights as F32 (a converted model is trained as F32).
    public var weights: Int64
    /// Gradients of the trained matrices (every matrix but the token embedding, which llama.cpp never trains).
    public var gradients: Int64
    /// AdamW's two moments per trained weight (none for SGD).
    public var optimizerState: Int64
    /// The key/value cache (F32, as training needs).
    public var cache: Int64
    /// Forward activations kept for the backward pass and their gradients, for one window.
    public var activations: Int64
    /// The logits over the vocabulary for every position, their gradient and the loss-masking copy.
    public var logits: Int64
    /// The worker process, llama.cpp and the data.
    public var runtime: Int64
    public let contextLength: Int

    public var total: Int64 { weights + gradients + optimizerState + cache + activations + logits + runtime }

    /// Fixed cost of the worker process with llama.cpp loaded, measured (RSS of a worker training a tiny model).
    static let runtimeBytes: Int64 = 40 << 20
    /// F32 values per token and layer that the training graph holds (activations, their gradients), by
    /// width: per embedding, per feed-forward and per attention score (head x context) value.
    static let perTokenPerLayer = (embedding: 20.0, feedForward: 8.0, keyValue: 6.0, scores: 4.0)
    /// F32 copies of the logits: llama.cpp's output, softmax, gradient, one-hot labels, and the worker's copy.
    static let logitCopies: Int64 = 5

    /// Estimates the plan for training `model` on windows of `contextLength` tokens with `optimizer`.
    public init(model: GGUFFile, contextLength: Int, optimizer: TrainingSpec.Optimizer) {
        let architecture = model.architecture ?? "llama"
        func number(_ key: String) -> Int? { model["\(architecture).\(key)"]?.intValue }
        let elements = Int64(model.tensors.reduce(0) { $0 + $1.elementCount })
        let trained = Int64(model.tensors.filter { $0.dimensions.count >= 2 && $0.dimensions[1] > 1 && $0.name != "token_embd.weight" }
            .reduce(0) { $0 + $1.elementCount })
        let embedding = number("embedding_length") ?? 0
        let layers = number("block_count") ?? 0
        let feedForward = number("feed_forward_length") ?? 4 * embedding
        let heads = max(1, number("attention.head_count") ?? 1)
        let keyValueHeads = number("attention.head_count_kv") ?? heads
        let headWidth = number("attention.key_length") ?? embedding / heads
        let keyValueWidth = keyValueHeads * headWidth
        let vocabulary: Int = {
            if case .array(let tokens)? = model["tokenizer.ggml.tokens"] { return tokens.count }
            return number("vocab_size") ?? 0
        }()
        let tokens = Double(contextLength)
        let perToken = Self.perTokenPerLayer
        let perLayer = tokens * (perToken.embedding * Double(embedding) + perToken.feedForward * Double(feedForward)
            + perToken.keyValue * Double(keyValueWidth) + perToken.scores * Double(heads) * tokens)

        self.contextLength = contextLength
        weights = elements * 4
        gradients = trained * 4
        optimizerState = optimizer == .adamw ? trained * 8 : 0
        cache = Int64(layers) * Int64(contextLength) * Int64(2 * keyValueWidth) * 4
        activations = Int64(perLayer * Double(layers) * 4)
        logits = Self.logitCopies * Int64(contextLength) * Int64(vocabulary) * 4
        runtime = Self.runtimeBytes
    }

    public var description: String {
        let parts: [(String, Int64)] = [
            ("weights (F32)", weights), ("gradients", gradients), ("optimizer state", optimizerState), ("KV cache", cache),
            ("activations", activations), ("logits", logits), ("runtime", runtime),
        ]
        return "memory plan: about \(ByteCountText.text(total)) at peak for a context of \(contextLength) tokens = "
            + parts.filter { $0.1 > 0 }.map { "\($0.0) \(ByteCountText.text($0.1))" }.joined(separator: " + ")
    }

    /// Fails with an error naming the estimate and the limit when the plan exceeds `limit` bytes
    /// (`max_memory`), or else the memory the machine has available now.
    public func check(maxMemory: Int64?) throws {
        let (limit, source): (Int64?, String) = maxMemory.map { ($0, "--option max_memory") } ?? (Self.availableMemory(), "the memory available on this machine")
        guard let limit, total > limit else { return }
        throw FineTuningError(
            .invalidRequest,
            "the job needs about \(ByteCountText.text(total)) of memory, more than \(source) (\(ByteCountText.text(limit))); \(description). "
                + "Use a smaller model or context_length, the sgd optimizer, or raise --option max_memory=GiB if the memory is there",
            provider: "llamacpp", parameter: maxMemory == nil ? "model" : "max_memory")
    }

    /// `MemAvailable` from /proc/meminfo, bounded by the cgroup's `memory.max`; the physical memory elsewhere.
    public static func availableMemory() -> Int64? {
        var available: Int64?
        if let text = try? String(contentsOfFile: "/proc/meminfo", encoding: .utf8),
           let line = text.split(separator: "\n").first(where: { $0.hasPrefix("MemAvailable:") }),
           let kib = Int64(line.split(separator: " ").dropFirst().first ?? "") {
            available = kib * 1024
        } else {
            available = Int64(ProcessInfo.processInfo.physicalMemory)
        }
        if let text = try? String(contentsOfFile: "/sys/fs/cgroup/memory.max", encoding: .utf8),
           let limit = Int64(text.trimmingCharacters(in: .whitespacesAndNewlines)) {
            available = min(available ?? limit, limit)
        }
        return available
    }
}
