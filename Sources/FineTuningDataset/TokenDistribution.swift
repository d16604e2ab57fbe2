/// The spread of a per-example count, in the shape of Vertex AI's `tuningDataStats` distributions.
/// Percentiles use the nearest-rank method.
public struct TokenDistribution: Sendable, Codable, Hashable {
    public var count: Int
    public var sum: Int
    public var min: Int
    public var max: Int
    public var mean: Double
    public var median: Double
    public var p5: Int
    public var p95: Int

    /// The distribution of `values`; nil when there are none.
    init?(_ values: [Int32]) {
        guard !values.isEmpty else { return nil }
        let sorted = values.sorted()
        count = sorted.count
        sum = sorted.reduce(0) { $0 + Int($1) }
        min = Int(sorted.first!)
        max = Int(sorted.last!)
        mean = Double(sum) / Double(count)
        let middle = count / 2
        median = count % 2 == 1 ? Double(sorted[middle]) : (Double(sorted[middle - 1]) + Double(sorted[middle])) / 2
        func rank(_ percent: Double) -> Int {
            let index = Int((percent / 100 * Double(sorted.count)).rounded(.up)) - 1
            return Int(sorted[Swift.max(0, Swift.min(sorted.count - 1, index))])
        }
        p5 = rank(5)
        p95 = rank(95)
    }

    enum CodingKeys: String, CodingKey {
        case count, sum, min, max, mean, median, p5, p95
    }
}
