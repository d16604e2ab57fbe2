import CLlama
import FineTuning
import Foundation

/// Turns a chat example into tokens with a mask: the model's chat template renders the conversation
/// (or, for a model without one, the default `System: ...\nUser: ...\nAssistant: ...</s>\n`, where
/// `</s>` is the model's end-of-sequence token so that generation stops after an answer); only the
/// tokens of assistant answers (and the end-of-turn after them) are trained, the prompt is context.
struct ChatRenderer {
    let model: LlamaModel
    let template: String?
    let endOfSequenceText: String

    init(model: LlamaModel) {
        self.model = model
        template = model.chatTemplate
        endOfSequenceText = String(decoding: model.piece(model.endOfSequence, special: true), as: UTF8.self)
    }

    /// The tokens of `example` and, per token, whether it is trained on (an answer token).
    func render(_ example: TrainingExample) throws -> (tokens: [llama_token], trained: [Bool]) {
        var messages: [(role: String, content: String)] = []
        if let system = example.systemPrompt { messages.append(("system", system)) }
        var tokens: [llama_token] = []
        var trained: [Bool] = []
        for turn in example.turns {
            guard turn.role == .assistant else {
                messages.append((turn.role.rawValue, turn.text))
                continue
            }
            let prompt = model.tokenize(try text(messages, addAssistantPrefix: true), addSpecial: true)
            messages.append(("assistant", turn.text))
            let full = model.tokenize(try text(messages, addAssistantPrefix: false), addSpecial: true)
            // Tokens shared with the prompt's own tokenization are context; the rest is the answer.
            let answerStart = zip(prompt, full).prefix { $0 == $1 }.count
            let learn = turn.weight != 0
            for index in min(tokens.count, full.count)..<full.count {
                trained.append(learn && index >= answerStart)
            }
            tokens = full
            trained = Array(trained.prefix(full.count))
        }
        return (tokens, trained)
    }

    /// Renders `messages`, ending with the assistant's prefix when `addAssistantPrefix`.
    func text(_ messages: [(role: String, content: String)], addAssistantPrefix: Bool) throws -> String {
        guard let template else {
            var text = ""
            for message in messages {
                switch message.role {
                case "system": text += "System: \(message.content)\n"
                case "user": text += "User: \(message.content)\n"
                default: text += "Assistant: \(message.content)\(endOfSequenceText)\n"
                }
            }
            return addAssistantPrefix ? text + "Assistant:" : text
        }
        let roles = messages.map { strdup($0.role)! }
        let contents = messages.map { strdup($0.content)! }
        defer { (roles + contents).forEach { free($0) } }
        let chat = zip(roles, contents).map { llama_chat_message(role: $0, content: $1) }
        var buffer = [CChar](repeating: 0, count: 4096)
        var length = llama_chat_apply_template(template, chat, chat.count, addAssistantPrefix, &buffer, Int32(buffer.count))
        if length > buffer.count {
            buffer = [CChar](repeating: 0, count: Int(length) + 1)
            length = llama_chat_apply_template(template, chat, chat.count, addAssistantPrefix, &buffer, Int32(buffer.count))
        }
        guard length >= 0 else {
            throw FineTuningError(.unsupported, "llama.cpp does not support the chat template of '\(model.path)'", provider: "llamacpp", parameter: "model")
        }
        return String(decoding: buffer.prefix(Int(length)).map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
