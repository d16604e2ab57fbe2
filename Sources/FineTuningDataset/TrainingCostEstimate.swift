/// A training cost estimate: estimated tokens × epochs × the table's price.
public struct TrainingCostEstimate: Sendable, Codable, Hashable {
    public var price: TrainingPrice
    public var tokens: Int
    public var epochs: Int
    public var usd: Double

    enum CodingKeys: String, CodingKey {
        case price, tokens, epochs, usd
    }
}
