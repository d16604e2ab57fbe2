import FineTuning
import FineTuningEval
import Foundation
import Testing

/// A real C library compiled for the test, called through libffi with several signatures; every
/// value is checked against the same computation done here in Swift.
@Suite struct NativeMetricTests {
    static let source = """
        #include <stdbool.h>
        #include <stddef.h>
        #include <stdint.h>
        #include <string.h>

        double prefix_share(const char *prediction, const char *reference) {
            size_t n = 0, lp = strlen(prediction), lr = strlen(reference);
            while (n < lp && n < lr && prediction[n] == reference[n]) n++;
            size_t longest = lp > lr ? lp : lr;
            return longest == 0 ? 1.0 : (double)n / (double)longest;
        }
        int32_t length_difference(const char *prediction, const char *reference, int32_t scale) {
            return ((int32_t)strlen(prediction) - (int32_t)strlen(reference)) * scale;
        }
        float mixed(const char *language, const char *prediction, double weight, const char *reference,
                    int64_t offset, size_t divisor, bool negate) {
            if (strcmp(language, "en, us") != 0) return -1000.0f;
            double value = ((double)(strlen(prediction) + strlen(reference)) * weight + (double)offset) / (double)divisor;
            return (float)(negate ? -value : value);
        }
        bool same_first(const char *prediction, const char *reference) { return prediction[0] == reference[0]; }
        int64_t byte_sum(const char *prediction, const char *reference) {
            int64_t sum = 0;
            for (const unsigned char *p = (const unsigned char *)prediction; *p; p++) sum += *p;
            for (const unsigned char *p = (const unsigned char *)reference; *p; p++) sum -= *p;
            return sum * 1000000000LL;
        }
        size_t total_length(const char *prediction, const char *reference) { return strlen(prediction) + strlen(reference); }
        """

    /// Compiles the library once per test run into a temporary directory.
    static let library: String = {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("finetune-native-metric-\(getpid())")
        try? FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let sourceFile = directory.appendingPathComponent("score.c"), library = directory.appendingPathComponent("libscore.so")
        try! source.write(to: sourceFile, atomically: true, encoding: .utf8)
        let compiler = Process()
        compiler.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        compiler.arguments = ["cc", "-shared", "-fPIC", "-O1", "-o", library.path, sourceFile.path]
        try! compiler.run()
        compiler.waitUntilExit()
        precondition(compiler.terminationStatus == 0, "cc failed")
        return library.path
    }()

    static let pairs: [(String, String)] = [
        ("Go to Settings > Account", "Go to Settings > Billing"), ("", "reference"), ("same", "same"), ("é ü", "e u"), ("abc", ""),
    ]

    func metric(_ declaration: String) throws -> EvalMetric {
        try EvalMetric(parsing: "\(Self.library):\(declaration)")
    }

    func value(_ metric: EvalMetric, _ answer: String, _ reference: String) -> Double {
        metric.score(answer: ModelAnswer(text: answer, seconds: 0), reference: reference)!
    }

    @Test func doubleResultFromTwoStrings() throws {
        let metric = try metric("prefix_share(const char *prediction, const char *reference) -> double")
        #expect(metric.name == "prefix_share")
        for (answer, reference) in Self.pairs {
            let a = Array(answer.utf8), r = Array(reference.utf8)
            let common = zip(a, r).prefix { $0 == $1 }.count
            let expected = max(a.count, r.count) == 0 ? 1 : Double(common) / Double(max(a.count, r.count))
            #expect(value(metric, answer, reference) == expected, "\(answer) / \(reference)")
        }
    }

    @Test func int32ResultWithABoundConstant() throws {
        let metric = try metric("length_difference(const char *, const char *, int32_t scale = -3) -> int32_t")
        for (answer, reference) in Self.pairs {
            #expect(value(metric, answer, reference) == Double((answer.utf8.count - reference.utf8.count) * -3))
        }
    }

    @Test func everyTypeInMixedOrder() throws {
        let declaration = "mixed(const char *language = \"en, us\", const char *prediction, double weight = 2.5, const char *reference, int64_t offset = -7, size_t divisor = 4, bool negate = true) -> float"
        let metric = try metric(declaration)
        for (answer, reference) in Self.pairs {
            let expected = Float(-((Double(answer.utf8.count + reference.utf8.count) * 2.5 - 7) / 4))
            #expect(value(metric, answer, reference) == Double(expected))
        }
        let english = try self.metric(declaration.replacingOccurrences(of: "\"en, us\"", with: "\"fr\""))
        #expect(value(english, "a", "b") == -1000)
    }

    @Test func boolInt64AndSizeResults() throws {
        let first = try metric("same_first(const char *p, const char *r) -> bool")
        let sum = try metric("byte_sum(const char *p, const char *r) -> int64_t")
        let total = try metric("total_length(const char *p, const char *r) -> size_t")
        for (answer, reference) in Self.pairs {
            #expect(value(first, answer, reference) == (answer.utf8.first == reference.utf8.first ? 1 : 0))
            let bytes = answer.utf8.reduce(0) { $0 + Int64($1) } - reference.utf8.reduce(0) { $0 + Int64($1) }
            #expect(value(sum, answer, reference) == Double(bytes * 1_000_000_000))
            #expect(value(total, answer, reference) == Double(answer.utf8.count + reference.utf8.count))
        }
    }

    @Test(arguments: [
        ("prefix_share(const char *p, const char *r)", "no '-> TYPE'"),
        ("prefix_share(const char *p, const char *r) -> long double", "unsupported result type"),
        ("prefix_share(const char *p, const char *r) -> const char *", "must be a number"),
        ("prefix_share(const char *p, unsigned r) -> double", "unsupported type"),
        ("prefix_share(const char *p) -> double", "two const char *"),
        ("prefix_share(const char *p, const char *r, const char *x) -> double", "third const char *"),
        ("length_difference(const char *, const char *, int32_t scale) -> int32_t", "needs a constant"),
        ("length_difference(const char *, const char *, int32_t scale = 4.5) -> int32_t", "not a int32_t constant"),
        ("no_such_symbol(const char *p, const char *r) -> double", "has no symbol 'no_such_symbol'"),
        ("2bad(const char *p, const char *r) -> double", "not a C identifier"),
    ])
    func badDeclarationsAreClearErrors(declaration: String, message: String) throws {
        let error = #expect(throws: FineTuningError.self) { try metric(declaration) }
        #expect(error?.code == .invalidRequest)
        #expect(error?.parameter == "metric")
        #expect(error?.message.contains(message) == true, "\(error?.message ?? "")")
    }

    @Test func aMissingLibraryAndAnUnknownNameAreClearErrors() {
        let missing = #expect(throws: FineTuningError.self) {
            try EvalMetric(parsing: "/nonexistent/libnope.so:f(const char *p, const char *r) -> double")
        }
        #expect(missing?.message.contains("cannot load the library '/nonexistent/libnope.so'") == true)
        let unknown = #expect(throws: FineTuningError.self) { try EvalMetric(parsing: "bleu") }
        #expect(unknown?.message.contains("neither a built-in metric") == true)
    }
}
