import FineTuning
import Foundation

/// A model to evaluate: who answers, and the loss curve of the job that tuned it (if any).
public struct EvalModel: Sendable {
    public var answerer: any ModelAnswerer
    public var lossCurve: LossCurve?

    public init(answerer: any ModelAnswerer, lossCurve: LossCurve? = nil) {
        self.answerer = answerer
        self.lossCurve = lossCurve
    }
}

/// Runs an evaluation: every model answers every example, every metric scores every answer, then
/// the means and their bootstrap intervals are computed.
public struct EvalRunner: Sendable {
    public var data: String
    public var examples: [EvalExample]
    public var metrics: [EvalMetric]
    public var options: GenerationOptions

    public init(data: String, examples: [EvalExample], metrics: [EvalMetric], options: GenerationOptions = GenerationOptions()) {
        self.data = data
        self.examples = examples
        self.metrics = metrics
        self.options = options
    }

    /// `progress(model index, answered)` is called as answers arrive.
    public func run(_ models: [EvalModel], progress: @escaping @Sendable (Int, Int) -> Void = { _, _ in }) async throws -> EvalResult {
        let started = ContinuousClock.now
        let scoreReferences = metrics.contains { $0.needsReferenceLoss }
        var answered: [[ModelAnswer]] = []
        for (index, model) in models.enumerated() {
            let answers = try await model.answerer.answers(examples, options: options, scoreReferences: scoreReferences) { progress(index, $0) }
            guard answers.count == examples.count else {
                throw FineTuningError(.providerError, "\(model.answerer.label) answered \(answers.count) of \(examples.count) examples")
            }
            answered.append(answers)
        }
        var records: [EvalResult.ExampleRecord] = []
        var values = [[String: [Double]]](repeating: [:], count: models.count)
        for (exampleIndex, example) in examples.enumerated() {
            var scoredAnswers: [EvalResult.ScoredAnswer] = []
            for (modelIndex, model) in models.enumerated() {
                let answer = answered[modelIndex][exampleIndex]
                var scores: [String: Double] = [:]
                for metric in metrics {
                    guard let value = metric.score(answer: answer, reference: example.reference), value.isFinite else { continue }
                    scores[metric.name] = value
                    values[modelIndex][metric.name, default: []].append(value)
                }
                scoredAnswers.append(EvalResult.ScoredAnswer(model: model.answerer.label, answer: answer, scores: scores))
            }
            records.append(EvalResult.ExampleRecord(line: example.line, prompt: example.prompt, reference: example.reference, answers: scoredAnswers))
        }
        let summaries = models.enumerated().map { index, model in
            let answers = answered[index]
            let tokens = answers.compactMap(\.generatedTokens)
            return EvalResult.ModelSummary(
                model: model.answerer.label,
                metrics: Dictionary(uniqueKeysWithValues: metrics.map { ($0.name, BootstrapInterval(values[index][$0.name] ?? [])) }),
                answerSeconds: answers.reduce(0) { $0 + $1.seconds },
                generatedTokens: tokens.count == answers.count ? tokens.reduce(0, +) : nil,
                lossCurve: model.lossCurve)
        }
        let total = (ContinuousClock.now - started).inSeconds
        return EvalResult(
            data: data, metrics: metrics.map(\.name), models: summaries, examples: records,
            totalSeconds: total, harnessSeconds: max(0, total - summaries.reduce(0) { $0 + $1.answerSeconds }))
    }
}
