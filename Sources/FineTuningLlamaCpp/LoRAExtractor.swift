import FineTuning
public import Foundation

/// Extracts a LoRA adapter from a full fine-tune: for every weight matrix that training changed,
/// the truncated SVD of `W_tuned - W_base` gives `lora_b * lora_a` of the requested rank. llama.cpp
/// cannot train LoRA tensors itself, so this adapter is extracted, not trained, and says so in its
/// metadata. llama.cpp (`--lora`, `llama_adapter_lora_init`) loads it on the base model.
public enum LoRAExtractor {
    public struct Summary: Sendable, Hashable {
        /// How many weights the adapter covers.
        public var tensorCount: Int
        /// The share of the weight difference's energy (squared Frobenius norm) the rank keeps.
        public var retainedEnergy: Double
    }

    /// Writes the adapter to `output`. A rank above a matrix's smaller side keeps that matrix whole.
    @discardableResult
    public static func extract(basePath: String, tunedPath: String, rank: Int, output: URL) throws -> Summary {
        let base = try GGUFFile(path: basePath)
        let tuned = try GGUFFile(path: tunedPath)
        var writer = GGUFWriter()
        writer.set("general.type", .string("adapter"))
        writer.set("general.architecture", .string(base.architecture ?? "llama"))
        writer.set("general.name", .string("LoRA rank \(rank) extracted by truncated SVD from a full fine-tune"))
        writer.set("adapter.type", .string("lora"))
        writer.set("adapter.lora.alpha", .float(Double(rank)))
        var kept = 0.0
        var total = 0.0
        var count = 0
        for info in tuned.tensors where info.dimensions.count == 2 && info.type == .f32 {
            guard let baseInfo = base.tensor(named: info.name), baseInfo.dimensions == info.dimensions, baseInfo.type == .f32 else { continue }
            let inputs = info.dimensions[0], outputs = info.dimensions[1]
            let tunedValues = try tuned.floats(of: info)
            let baseValues = try base.floats(of: baseInfo)
            // Row-major outputs x inputs: element (o, i) at o * inputs + i.
            let difference = zip(tunedValues, baseValues).map { Double($0) - Double($1) }
            let energy = difference.reduce(0) { $0 + $1 * $1 }
            guard energy > 0 else { continue }
            let factors = lowRankFactors(difference, outputs: outputs, inputs: inputs, rank: rank)
            // The adapter's scale is alpha / rank; with ranks clamped per matrix, fold the ratio into B.
            let scale = Double(rank) / Double(factors.rank)
            writer.tensors.append(GGUFWriter.Tensor(name: info.name.replacingOccurrences(of: ".weight", with: ".weight.lora_a"), dimensions: [inputs, factors.rank], values: factors.a.map { Float($0) }))
            writer.tensors.append(GGUFWriter.Tensor(name: info.name.replacingOccurrences(of: ".weight", with: ".weight.lora_b"), dimensions: [factors.rank, outputs], values: factors.b.map { Float($0 / scale) }))
            kept += factors.keptEnergy
            total += energy
            count += 1
        }
        guard count > 0 else {
            throw FineTuningError(.invalidRequest, "'\(tunedPath)' does not differ from '\(basePath)': there is nothing to extract", provider: "llamacpp")
        }
        try writer.write(to: output)
        return Summary(tensorCount: count, retainedEnergy: total > 0 ? kept / total : 1)
    }

    /// `a` (rank x inputs, row-major) and `b` (outputs x rank, row-major) with `b * a` the best
    /// rank-`rank` approximation of the outputs x inputs matrix `difference`.
    static func lowRankFactors(_ difference: [Double], outputs: Int, inputs: Int, rank: Int) -> (a: [Double], b: [Double], rank: Int, keptEnergy: Double) {
        let rank = min(rank, outputs, inputs)
        var a = [Double](repeating: 0, count: rank * inputs)
        var b = [Double](repeating: 0, count: outputs * rank)
        let svd: SingularValueDecomposition
        if outputs >= inputs {
            // difference = U S V^T: b = U S, a = V^T.
            svd = SingularValueDecomposition(rows: outputs, columns: inputs, matrix: difference)
            for k in 0..<rank {
                for i in 0..<inputs { a[k * inputs + i] = svd.v[k][i] }
                for o in 0..<outputs { b[o * rank + k] = svd.u[k][o] * svd.values[k] }
            }
        } else {
            // difference^T = U S V^T, so difference = V S U^T: b = V S, a = U^T.
            var transposed = [Double](repeating: 0, count: difference.count)
            for o in 0..<outputs { for i in 0..<inputs { transposed[i * outputs + o] = difference[o * inputs + i] } }
            svd = SingularValueDecomposition(rows: inputs, columns: outputs, matrix: transposed)
            for k in 0..<rank {
                for i in 0..<inputs { a[k * inputs + i] = svd.u[k][i] }
                for o in 0..<outputs { b[o * rank + k] = svd.v[k][o] * svd.values[k] }
            }
        }
        return (a, b, rank, svd.values.prefix(rank).reduce(0) { $0 + $1 * $1 })
    }
}
