import Foundation

/// The metrics `finetune eval` computes without any plugin. Text metrics compare an answer with the
/// reference; the loss metrics need a model that scores the reference itself (local llama.cpp).
public enum BuiltInMetric: String, Sendable, Hashable, CaseIterable, Codable {
    /// 1 when the answer's words equal the reference's words (case and punctuation ignored), else 0.
    case exactMatch = "exact_match"
    /// Harmonic mean of word precision and recall over the bags of words (SQuAD's F1).
    case tokenF1 = "token_f1"
    /// F-measure of the longest common word subsequence (ROUGE-L).
    case rougeL = "rouge_l"
    /// Character 6-gram F-score with β = 2 (chrF).
    case chrF = "chrf"
    /// The answer's length in words.
    case answerLength = "answer_length"
    /// Mean negative log-likelihood per token of the reference answer given the prompt (local models).
    case tokenLoss = "token_loss"
    /// exp(token_loss) of the reference answer (local models).
    case perplexity

    /// The metrics used when `--metric` is not given.
    public static let defaults: [BuiltInMetric] = [.exactMatch, .tokenF1, .rougeL, .chrF, .answerLength, .tokenLoss, .perplexity]

    /// Whether the metric needs the model's loss on the reference rather than its answer text.
    public var needsReferenceLoss: Bool { self == .tokenLoss || self == .perplexity }

    /// Whether a larger value is better (false for losses; nil when neither, as for a length).
    public var higherIsBetter: Bool? {
        switch self {
        case .exactMatch, .tokenF1, .rougeL, .chrF: true
        case .tokenLoss, .perplexity: false
        case .answerLength: nil
        }
    }

    /// The metric's value for one answer; nil when it does not apply (a loss without a scored reference).
    public func score(answer: String, reference: String, referenceLoss: Double?) -> Double? {
        switch self {
        case .exactMatch:
            return TextTokens.words(answer) == TextTokens.words(reference) ? 1 : 0
        case .tokenF1:
            return Self.tokenF1(TextTokens.words(answer), TextTokens.words(reference))
        case .rougeL:
            let predicted = TextTokens.words(answer), expected = TextTokens.words(reference)
            if predicted.isEmpty || expected.isEmpty { return predicted.isEmpty && expected.isEmpty ? 1 : 0 }
            let common = Double(LongestCommonSubsequence.length(predicted, expected))
            guard common > 0 else { return 0 }
            let precision = common / Double(predicted.count), recall = common / Double(expected.count)
            return 2 * precision * recall / (precision + recall)
        case .chrF:
            return CharacterFScore.score(prediction: answer, reference: reference)
        case .answerLength:
            return Double(TextTokens.words(answer).count)
        case .tokenLoss:
            return referenceLoss
        case .perplexity:
            return referenceLoss.map { Foundation.exp($0) }
        }
    }

    private static func tokenF1(_ predicted: [Substring], _ expected: [Substring]) -> Double {
        if predicted.isEmpty || expected.isEmpty { return predicted.isEmpty && expected.isEmpty ? 1 : 0 }
        var counts: [Substring: Int] = [:]
        for word in expected { counts[word, default: 0] += 1 }
        var common = 0
        for word in predicted where (counts[word] ?? 0) > 0 {
            counts[word]! -= 1
            common += 1
        }
        guard common > 0 else { return 0 }
        let precision = Double(common) / Double(predicted.count), recall = Double(common) / Double(expected.count)
        return 2 * precision * recall / (precision + recall)
    }
}
