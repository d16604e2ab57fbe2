import FineTuning
import Foundation

/// One metric of an evaluation: built in, or a native function declared on the command line.
public enum EvalMetric: Sendable {
    case builtIn(BuiltInMetric)
    case native(NativeMetric)

    /// Parses a `--metric` value: a built-in name (`rouge_l`) or a native declaration, whose library
    /// and symbol are loaded now so that a mistake is reported before any model is called.
    public init(parsing text: String) throws {
        if let metric = BuiltInMetric(rawValue: text.trimmingCharacters(in: .whitespaces).lowercased()) {
            self = .builtIn(metric)
        } else if NativeDeclaration.isDeclaration(text) {
            self = .native(try NativeMetric(try NativeDeclaration(parsing: text)))
        } else {
            throw FineTuningError(
                .invalidRequest,
                "--metric '\(text)' is neither a built-in metric (\(BuiltInMetric.allCases.map(\.rawValue).joined(separator: ", "))) nor a native declaration PATH.so:SYMBOL(const char *prediction, const char *reference) -> double",
                parameter: "metric")
        }
    }

    /// The column name: the built-in name, or the native symbol.
    public var name: String {
        switch self {
        case .builtIn(let metric): metric.rawValue
        case .native(let metric): metric.declaration.symbol
        }
    }

    public var higherIsBetter: Bool? {
        switch self {
        case .builtIn(let metric): metric.higherIsBetter
        case .native: true
        }
    }

    public var needsReferenceLoss: Bool {
        if case .builtIn(let metric) = self { return metric.needsReferenceLoss }
        return false
    }

    public func score(answer: ModelAnswer, reference: String) -> Double? {
        switch self {
        case .builtIn(let metric): metric.score(answer: answer.text, reference: reference, referenceLoss: answer.referenceLoss)
        case .native(let metric): metric.score(answer: answer.text, reference: reference)
        }
    }
}
