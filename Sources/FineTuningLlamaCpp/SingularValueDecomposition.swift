/// The singular value decomposition of a dense matrix by one-sided Jacobi rotations: exact to
/// rounding, simple, and fast enough for the matrices of small models (cost ~ rows * columns^2 per sweep).
struct SingularValueDecomposition {
    /// Left singular vectors, column-major: `u[k]` is the k-th vector (length `rows`).
    var u: [[Double]]
    /// Singular values, largest first.
    var values: [Double]
    /// Right singular vectors: `v[k]` is the k-th vector (length `columns`).
    var v: [[Double]]

    /// Decomposes the `rows` x `columns` row-major matrix `matrix` (rows >= columns).
    init(rows: Int, columns: Int, matrix: [Double]) {
        precondition(rows >= columns && matrix.count == rows * columns)
        // Work on columns: a[j] is column j; rotate pairs until all columns are orthogonal.
        var a = (0..<columns).map { j in (0..<rows).map { matrix[$0 * columns + j] } }
        var right = (0..<columns).map { j in (0..<columns).map { $0 == j ? 1.0 : 0.0 } }
        for _ in 0..<60 {
            var rotated = false
            for p in 0..<columns {
                for q in (p + 1)..<max(p + 1, columns) {
                    var alpha = 0.0, beta = 0.0, gamma = 0.0
                    for i in 0..<rows {
                        alpha += a[p][i] * a[p][i]
                        beta += a[q][i] * a[q][i]
                        gamma += a[p][i] * a[q][i]
                    }
                    guard abs(gamma) > 1e-15 * (alpha * beta).squareRoot(), gamma != 0 else { continue }
                    rotated = true
                    let zeta = (beta - alpha) / (2 * gamma)
                    let t = (zeta >= 0 ? 1.0 : -1.0) / (abs(zeta) + (1 + zeta * zeta).squareRoot())
                    let c = 1 / (1 + t * t).squareRoot()
                    let s = c * t
                    for i in 0..<rows {
                        let x = a[p][i], y = a[q][i]
                        a[p][i] = c * x - s * y
                        a[q][i] = s * x + c * y
                    }
                    for i in 0..<columns {
                        let x = right[p][i], y = right[q][i]
                        right[p][i] = c * x - s * y
                        right[q][i] = s * x + c * y
                    }
                }
            }
            if !rotated { break }
        }
        let norms = a.map { column in column.reduce(0) { $0 + $1 * $1 }.squareRoot() }
        let order = (0..<columns).sorted { norms[$0] > norms[$1] }
        values = order.map { norms[$0] }
        u = order.map { j in norms[j] > 0 ? a[j].map { $0 / norms[j] } : a[j] }
        v = order.map { right[$0] }
    }
}
