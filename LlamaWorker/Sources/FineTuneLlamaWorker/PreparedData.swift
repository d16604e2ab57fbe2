import CLlama
import FineTuning
import FineTuningLlamaCpp
import Foundation

/// A job's data ready for training: examples read, split, rendered with the chat template, masked
/// and packed into windows of `contextLength` tokens.
struct PreparedData {
    let contextLength: Int
    let training: TrainingWindows
    let validation: TrainingWindows?
    /// Tokens of the training examples (without padding).
    let trainingTokens: Int
    let summary: String

    init(spec: TrainingSpec, model: LlamaModel) throws {
        let renderer = ChatRenderer(model: model)
        func render(_ entries: [DatasetReader.Entry]) throws -> [TrainingWindows.Example] {
            try entries.map { entry in
                let rendered = try renderer.render(entry.example)
                return TrainingWindows.Example(line: entry.line, tokens: rendered.tokens, trained: rendered.trained)
            }
        }
        var trainingEntries = try DatasetReader.examples(path: spec.trainingFile, requirements: .llamaCpp)
        var validationEntries: [DatasetReader.Entry] = []
        var validationFile = spec.trainingFile
        if let file = spec.validationFile {
            validationEntries = try DatasetReader.examples(path: file, requirements: .llamaCpp, parameter: "validation_file")
            validationFile = file
        } else if trainingEntries.count >= 2, spec.validationSplit > 0 {
            var generator = SeededRandomNumberGenerator(seed: spec.seed ^ 0x5EED)
            let shuffled = trainingEntries.shuffled(using: &generator)
            let held = min(trainingEntries.count - 1, max(1, Int((Double(trainingEntries.count) * spec.validationSplit).rounded())))
            let heldLines = Set(shuffled.prefix(held).map(\.line))
            validationEntries = trainingEntries.filter { heldLines.contains($0.line) }
            trainingEntries.removeAll { heldLines.contains($0.line) }
        }
        let trainingExamples = try render(trainingEntries)
        let validationExamples = try render(validationEntries)
        let longest = (trainingExamples + validationExamples).map(\.tokens.count).max() ?? 1
        contextLength = spec.windowLength(longestExample: longest)
        let padding = model.endOfSequence
        training = try TrainingWindows(oneWindowEach: trainingExamples, contextLength: contextLength, padding: padding, file: spec.trainingFile)
        validation = validationExamples.isEmpty
            ? nil : try TrainingWindows(oneWindowEach: validationExamples, contextLength: contextLength, padding: padding, file: validationFile)
        trainingTokens = training.exampleTokens
        let answers = training.trained.filter { $0 }.count
        summary = "\(trainingExamples.count) training examples (\(trainingTokens) tokens, \(answers) of them answer tokens that are trained; prompts masked) in \(training.count) windows of \(contextLength) tokens; "
            + (validation.map { "\(validationExamples.count) validation examples in \($0.count) windows" } ?? "no validation data")
            + "; chat template: " + (model.chatTemplate == nil ? "default (User:/Assistant:)" : "the model's")
    }
}
