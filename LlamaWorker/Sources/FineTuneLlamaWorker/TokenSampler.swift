import CLlama
import FineTuning
import Foundation

/// Chooses the next token from a row of logits: `greedy` takes the most likely one; an instance
/// samples from the softmax at `temperature` with a seeded generator (reproducible answers).
struct TokenSampler {
    let temperature: Double
    var generator: SeededRandomNumberGenerator

    init(temperature: Double, seed: UInt64) {
        self.temperature = temperature
        generator = SeededRandomNumberGenerator(seed: seed)
    }

    static func greedy(_ logits: UnsafeBufferPointer<Float>) -> llama_token {
        var best = 0
        for index in 1..<logits.count where logits[index] > logits[best] { best = index }
        return llama_token(best)
    }

    mutating func sample(_ logits: UnsafeBufferPointer<Float>) -> llama_token {
        let maximum = logits.max() ?? 0
        let weights = logits.map { exp(Double($0 - maximum) / temperature) }
        var target = Double.random(in: 0..<weights.reduce(0, +), using: &generator)
        for (index, weight) in weights.enumerated() {
            target -= weight
            if target < 0 { return llama_token(index) }
        }
        return llama_token(weights.count - 1)
    }

    /// -log softmax(logits)[token], computed stably.
    static func negativeLogLikelihood(_ logits: UnsafeBufferPointer<Float>, of token: llama_token) -> Double {
        let maximum = Double(logits.max() ?? 0)
        let sum = logits.reduce(0.0) { $0 + exp(Double($1) - maximum) }
        return -(Double(logits[Int(token)]) - maximum - log(sum))
    }
}
