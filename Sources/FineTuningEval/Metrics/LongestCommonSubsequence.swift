/// The length of the longest common subsequence of two sequences, in O(n·m) time and O(m) memory.
enum LongestCommonSubsequence {
    static func length<Element: Equatable>(_ a: [Element], _ b: [Element]) -> Int {
        guard !a.isEmpty, !b.isEmpty else { return 0 }
        var previous = [Int](repeating: 0, count: b.count + 1)
        var current = previous
        for x in a {
            for (j, y) in b.enumerated() {
                current[j + 1] = x == y ? previous[j] + 1 : max(previous[j + 1], current[j])
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }
}
