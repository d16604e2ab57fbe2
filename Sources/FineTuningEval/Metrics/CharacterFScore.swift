/// chrF (Popović 2015, as sacreBLEU computes it by default): character n-grams of orders 1 to 6 with
/// whitespace removed, precision and recall averaged over the orders both texts have, combined as
/// an F-score with β = 2 (recall weighs twice as much). 0 to 1.
enum CharacterFScore {
    static let maxOrder = 6
    static let beta = 2.0

    static func score(prediction: String, reference: String) -> Double {
        let hypothesis = Array(prediction.filter { !$0.isWhitespace })
        let target = Array(reference.filter { !$0.isWhitespace })
        if hypothesis.isEmpty || target.isEmpty { return hypothesis.isEmpty && target.isEmpty ? 1 : 0 }
        var precisionSum = 0.0, recallSum = 0.0, orders = 0
        for order in 1...maxOrder {
            let predicted = ngrams(hypothesis, order), expected = ngrams(target, order)
            let predictedTotal = predicted.values.reduce(0, +), expectedTotal = expected.values.reduce(0, +)
            guard predictedTotal > 0, expectedTotal > 0 else { continue }
            let matches = predicted.reduce(0) { $0 + min($1.value, expected[$1.key] ?? 0) }
            precisionSum += Double(matches) / Double(predictedTotal)
            recallSum += Double(matches) / Double(expectedTotal)
            orders += 1
        }
        guard orders > 0 else { return 0 }
        let precision = precisionSum / Double(orders), recall = recallSum / Double(orders)
        guard precision + recall > 0 else { return 0 }
        let betaSquared = beta * beta
        return (1 + betaSquared) * precision * recall / (betaSquared * precision + recall)
    }

    private static func ngrams(_ characters: [Character], _ order: Int) -> [String: Int] {
        var counts: [String: Int] = [:]
        guard characters.count >= order else { return counts }
        for start in 0...(characters.count - order) {
            counts[String(characters[start..<(start + order)]), default: 0] += 1
        }
        return counts
    }
}
