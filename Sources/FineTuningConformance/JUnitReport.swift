public import Foundation

/// Writes conformance reports as JUnit XML: one test suite per provider, one test case per
/// scenario, failures with their reasons and the exchanges the scenario went through.
public enum JUnitReport {
    public static func xml(_ reports: [ConformanceReport]) -> String {
        var lines = [#"<?xml version="1.0" encoding="UTF-8"?>"#]
        let all = reports.flatMap(\.results)
        lines.append(#"<testsuites name="finetune-conformance" tests="\#(all.count)" failures="\#(all.filter(\.isFailure).count)">"#)
        for report in reports {
            let skipped = report.results.filter { if case .skipped = $0.outcome { true } else { false } }.count
            let seconds = report.results.reduce(0) { $0 + $1.seconds }
            lines.append(
                #"  <testsuite name="conformance.\#(escape(report.provider))" tests="\#(report.results.count)" failures="\#(report.failures.count)" skipped="\#(skipped)" time="\#(format(seconds))">"#)
            for result in report.results {
                lines += testCase(result, provider: report.provider)
            }
            lines.append("  </testsuite>")
        }
        lines.append("</testsuites>")
        return lines.joined(separator: "\n") + "\n"
    }

    /// Writes the XML of `reports` to `file`.
    public static func write(_ reports: [ConformanceReport], to file: URL) throws {
        try Data(xml(reports).utf8).write(to: file, options: .atomic)
    }

    private static func testCase(_ result: ScenarioResult, provider: String) -> [String] {
        let open = #"    <testcase classname="conformance.\#(escape(provider))" name="\#(escape(result.scenario)) [\#(result.tier.rawValue)]" time="\#(format(result.seconds))""#
        switch result.outcome {
        case .passed:
            return [open + "/>"]
        case .skipped(let reason):
            return [open + ">", #"      <skipped message="\#(escape(reason))"/>"#, "    </testcase>"]
        case .failed(let reasons):
            let trace = result.trace.map(\.description).joined(separator: "\n")
            return [
                open + ">",
                #"      <failure message="\#(escape(reasons.joined(separator: "; ")))">\#(escape(reasons.joined(separator: "\n")))</failure>"#,
                "      <system-out>\(escape(trace))</system-out>",
                "    </testcase>",
            ]
        }
    }

    private static func format(_ seconds: Double) -> String {
        String(format: "%.3f", seconds)
    }

    /// Text made safe for XML attributes and content; characters XML 1.0 forbids are dropped.
    static func escape(_ text: String) -> String {
        var escaped = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": escaped += "&amp;"
            case "<": escaped += "&lt;"
            case ">": escaped += "&gt;"
            case "\"": escaped += "&quot;"
            case "\n": escaped += "&#10;"
            case "\t", "\r": escaped += " "
            case let control where control.value < 0x20: continue
            default: escaped.unicodeScalars.append(scalar)
            }
        }
        return escaped
    }
}
