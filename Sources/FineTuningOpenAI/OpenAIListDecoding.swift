import FineTuning

/// Reads an OpenAI-style list `{"object":"list","data":[...],"has_more":true}`. The next page
/// starts after the last item's id (`last_id` where the API sends it).
enum OpenAIListDecoding {
    static func page<Item: Sendable>(
        _ json: JSONValue, provider: String, item: (JSONValue) throws -> Item
    ) throws -> Page<Item> {
        guard let data = json["data"]?.arrayValue else {
            throw FineTuningError(.transport, "\(provider) answered a listing without a 'data' array", provider: provider)
        }
        let items = try data.map(item)
        let hasMore = json["has_more"]?.boolValue ?? false
        let lastID = json["last_id"]?.nonEmptyString ?? data.last?["id"]?.nonEmptyString
        return Page(items: items, nextCursor: hasMore ? lastID : nil)
    }
}
