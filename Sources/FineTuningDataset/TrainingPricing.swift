/// Training prices kept as data. Only prices that could be confirmed are listed; a model missing here has
/// no estimate rather than a guessed one. Prices change: the `checked` date and `source` say how fresh each
/// row is. Not listed (no source could be confirmed when the table was written): OpenAI gpt-4.1 and
/// gpt-4.1-mini, and Vertex AI Gemini tuning, which Google prices per training token on its Vertex AI
/// pricing page.
public enum TrainingPricing {
    public static let table: [TrainingPrice] = [
        TrainingPrice(
            provider: "openai", model: "gpt-4o-mini", usdPerMillionTokens: 3.00, checked: "2026-04-07",
            source: "https://tokenmix.ai/blog/openai-fine-tuning-pricing (states it was verified against OpenAI's pricing page, April 2026); same figure at https://tokonomics.ca/blog/llm-fine-tuning-costs-guide"),
        TrainingPrice(
            provider: "openai", model: "gpt-4o", usdPerMillionTokens: 25.00, checked: "2026-04-07",
            source: "https://tokenmix.ai/blog/openai-fine-tuning-pricing (states it was verified against OpenAI's pricing page, April 2026); same figure at https://tokonomics.ca/blog/llm-fine-tuning-costs-guide"),
        TrainingPrice(
            provider: "llamacpp", model: "", usdPerMillionTokens: 0, checked: "2026-11-30",
            source: "llama.cpp trains on this machine: no provider charges for it"),
    ]

    /// The price for `model`, written `provider/model` or bare; the longest matching model prefix wins.
    /// A row with an empty model covers every model of its provider, and only when the provider is named.
    public static func price(for model: String) -> TrainingPrice? {
        let parts = model.split(separator: "/", maxSplits: 1).map(String.init)
        let provider = parts.count == 2 ? parts[0] : nil
        let name = parts.last ?? model
        return table
            .filter { row in
                guard let provider else { return !row.model.isEmpty }
                return row.provider == provider
            }
            .filter { name.hasPrefix($0.model) }
            .max { $0.model.count < $1.model.count }
    }

    /// Cost of training on `tokens` for `epochs` epochs; nil when the model has no price in the table.
    public static func estimate(tokens: Int, epochs: Int, model: String) -> TrainingCostEstimate? {
        guard let price = price(for: model) else { return nil }
        let usd = Double(tokens) * Double(epochs) * price.usdPerMillionTokens / 1_000_000
        return TrainingCostEstimate(price: price, tokens: tokens, epochs: epochs, usd: usd)
    }
}
