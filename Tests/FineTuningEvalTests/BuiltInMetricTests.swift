import FineTuningEval
import Foundation
import Testing

@Suite struct BuiltInMetricTests {
    func score(_ metric: BuiltInMetric, _ answer: String, _ reference: String, loss: Double? = nil) -> Double? {
        metric.score(answer: answer, reference: reference, referenceLoss: loss)
    }

    @Test func exactMatchIgnoresCaseAndPunctuation() {
        #expect(score(.exactMatch, "Go to Settings!", "go to settings") == 1)
        #expect(score(.exactMatch, "Go to Settings now", "go to settings") == 0)
    }

    @Test func tokenF1CountsEachWordOnce() {
        // common words: the, the, cat, on, mat -> P = R = 5/6
        #expect(abs(score(.tokenF1, "the cat sat on the mat", "the cat is on the mat")! - 5.0 / 6.0) < 1e-12)
        // "the the the" shares only two "the" with the reference: P = 2/3, R = 2/6
        #expect(abs(score(.tokenF1, "the the the", "the cat is on the mat")! - (2 * (2.0 / 3) * (2.0 / 6) / (2.0 / 3 + 2.0 / 6))) < 1e-12)
        #expect(score(.tokenF1, "dog", "cat") == 0)
    }

    @Test func rougeLUsesTheLongestCommonSubsequence() {
        // LCS("a b c d e", "a c e f") = a c e: P = 3/5, R = 3/4
        let expected = 2 * (3.0 / 5) * (3.0 / 4) / (3.0 / 5 + 3.0 / 4)
        #expect(abs(score(.rougeL, "a b c d e", "a c e f")! - expected) < 1e-12)
        // order matters for ROUGE-L but not for token F1
        #expect(score(.rougeL, "mat the on sat cat the", "the cat sat on the mat")! < score(.tokenF1, "mat the on sat cat the", "the cat sat on the mat")!)
        #expect(score(.rougeL, "Go to Settings > Account.", "go to settings account") == 1)
    }

    @Test func chrFAveragesCharacterNgramsWithRecallWeighted() {
        // orders 1..3 exist in both: P = R = 2/3, 1/2, 0 -> averages 7/18 each -> F = 7/18
        #expect(abs(score(.chrF, "abc", "abd")! - 7.0 / 18.0) < 1e-12)
        #expect(score(.chrF, "a b c", "abc") == 1)
        // recall counts more than precision (beta = 2): a short correct prefix beats a long padded answer less
        let short = score(.chrF, "abc", "abcdef")!, long = score(.chrF, "abcdefxyzuvw", "abcdef")!
        #expect(long > short)
    }

    @Test func lengthAndLossMetrics() {
        #expect(score(.answerLength, "Go to Settings > Account", "x") == 4)
        #expect(score(.tokenLoss, "a", "b") == nil)
        #expect(score(.tokenLoss, "a", "b", loss: 0.5) == 0.5)
        #expect(abs(score(.perplexity, "a", "b", loss: 0.5)! - exp(0.5)) < 1e-12)
    }

    @Test func bootstrapIntervalIsSeededAndBracketsTheMean() {
        let values = (0..<50).map { Double($0 % 7) / 6 }
        let interval = BootstrapInterval(values)
        #expect(abs(interval.mean - values.reduce(0, +) / 50) < 1e-12)
        #expect(interval.lower < interval.mean && interval.mean < interval.upper)
        #expect(interval == BootstrapInterval(values))
        #expect(interval.upper - interval.lower < 0.3)
        let constant = BootstrapInterval([0.8, 0.8, 0.8])
        #expect(constant.lower == constant.mean && constant.upper == constant.mean)
        #expect(BootstrapInterval([]).count == 0)
    }
}
