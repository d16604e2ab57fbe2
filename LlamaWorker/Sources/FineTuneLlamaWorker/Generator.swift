import FineTuning
import Foundation

/// Greedy generation for `finetune try`: the prompt is rendered as one user turn with the same chat
/// template training used, optionally with a LoRA adapter applied.
struct Generator {
    let model: LlamaModel

    func generate(prompt: String, adapterPath: String?, maxTokens: Int) throws -> String {
        let tokens = try ChatRenderer(model: model).promptTokens(TrainingExample(turns: [TrainingExample.Turn(role: .user, text: prompt)]))
        let session = try AnswerSession(model: model, adapterPath: adapterPath, contextLength: max(256, tokens.count + maxTokens))
        var greedy: TokenSampler?
        return try session.answer(tokens, maxTokens: maxTokens, sampler: &greedy).text
    }
}
