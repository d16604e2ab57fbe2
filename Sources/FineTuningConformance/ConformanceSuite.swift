import FineTuning
import FineTuningHTTP
public import Foundation

/// The conformance suite as a plugin author runs it from their own Swift test target, with the
/// scenarios built into this library and the author's fixture folder:
///
///     @Test func acmeConforms() async throws {
///         let target = ConformanceTarget(descriptor: AcmeProvider.descriptor) { transport, environment in
///             try AcmeProvider(context: PluginContext(environment: environment, transport: transport))
///         }
///         try await ConformanceSuite.requireConformance(of: target, fixtures: URL(fileURLWithPath: "Fixtures/acme"))
///     }
///
/// The provider is built on the runner's HAR replay of each scenario's fixture, exactly as
/// `finetune conformance` does for a loaded plugin; `mode: .live` serves the same fixtures from
/// 127.0.0.1 through libcurl (`loopback` in `target.json`).
public enum ConformanceSuite {
    /// Runs every built-in scenario against `target` over the fixtures in `folder` (its
    /// `target.json` and HAR files) and returns the report.
    public static func run(_ target: ConformanceTarget, fixtures folder: URL, mode: ConformanceMode = .replay) async throws -> ConformanceReport {
        await ConformanceRunner(scenarios: try ConformanceScenario.embedded(), mode: mode).run(target, fixtures: folder)
    }

    /// Runs the suite and throws, with the result table as the message, unless the provider conforms.
    public static func requireConformance(of target: ConformanceTarget, fixtures folder: URL, mode: ConformanceMode = .replay) async throws {
        let report = try await run(target, fixtures: folder, mode: mode)
        guard report.conforms else { throw ConformanceFailure("\(target.descriptor.id) does not conform:\n\(report.table())") }
    }
}
