import FineTuning

/// A mean with its 95% percentile bootstrap confidence interval: the values are resampled with
/// replacement `resamples` times (seeded, so the same values always give the same interval), and
/// the interval is the 2.5th to 97.5th percentile of the resampled means.
public struct BootstrapInterval: Sendable, Hashable, Codable {
    public var mean: Double
    public var lower: Double
    public var upper: Double
    public var count: Int

    public static let defaultResamples = 1000

    public init(_ values: [Double], resamples: Int = defaultResamples, seed: UInt64 = 0xB007) {
        count = values.count
        guard !values.isEmpty else {
            mean = .nan
            lower = .nan
            upper = .nan
            return
        }
        mean = values.reduce(0, +) / Double(values.count)
        guard values.count > 1 else {
            lower = mean
            upper = mean
            return
        }
        var generator = SeededRandomNumberGenerator(seed: seed)
        var means: [Double] = []
        means.reserveCapacity(resamples)
        for _ in 0..<resamples {
            var sum = 0.0
            for _ in 0..<values.count { sum += values[Int.random(in: 0..<values.count, using: &generator)] }
            means.append(sum / Double(values.count))
        }
        means.sort()
        lower = means[Int((Double(resamples - 1) * 0.025).rounded())]
        upper = means[Int((Double(resamples - 1) * 0.975).rounded())]
    }
}
