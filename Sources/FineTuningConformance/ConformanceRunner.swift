import FineTuning
import FineTuningHTTP
public import Foundation

/// Runs conformance scenarios against a provider over its recorded HTTP exchanges.
///
/// For each scenario the runner replays `<fixtures>/<scenario-id>.har` strictly, behind the
/// framework's retry layer on a clock that only records, builds the provider on that
/// transport, runs the steps and compares the normalized results with the expectations. A
/// scenario also fails when the provider sent a request the fixture does not hold or left a
/// recorded exchange unused. The `mode` says how the recording reaches the provider: in process,
/// or from a server on 127.0.0.1 through libcurl (see `ConformanceMode`); the checks are the same.
///
/// A target whose `target.json` declares `"transport": "none"` gets a transport that refuses
/// every request instead: no HAR file is read, HTTP-only scenarios are skipped, and any request
/// the provider makes fails the scenario.
public struct ConformanceRunner: Sendable {
    public let scenarios: [ConformanceScenario]
    public let mode: ConformanceMode
    /// libcurl for the live mode, shared by its scenarios; nil in replay mode.
    private let liveTransport: CurlTransport?
    /// Told about each step just before it runs (a child process reports it to its parent, so a
    /// timeout can name the operation in progress).
    public var stepObserver: (@Sendable (_ index: Int, _ step: ScenarioStep) -> Void)?

    public init(
        scenarios: [ConformanceScenario], mode: ConformanceMode = .replay, stepObserver: (@Sendable (_ index: Int, _ step: ScenarioStep) -> Void)? = nil
    ) {
        self.scenarios = scenarios
        self.mode = mode
        // Never a proxy (the servers are local), and bounds that end a scenario whose server stopped answering.
        liveTransport = mode == .live
            ? CurlTransport(configuration: CurlTransport.Configuration(connectTimeout: .seconds(10), timeout: .seconds(60), proxy: "")) : nil
        self.stepObserver = stepObserver
    }

    /// Runs every scenario against `target`, whose fixtures are in `folder` (the provider's own
    /// folder, holding `target.json` and the HAR files).
    public func run(_ target: ConformanceTarget, fixtures folder: URL) async -> ConformanceReport {
        let fixture = Result { try FixtureTarget(folder: folder) }
        var results: [ScenarioResult] = []
        for scenario in scenarios {
            results.append(await run(scenario, on: target, fixture: fixture))
        }
        return ConformanceReport(provider: target.descriptor.id, results: results)
    }

    /// Runs one scenario; `loaded` is the provider's `target.json`, or why it could not be read.
    public func run(_ scenario: ConformanceScenario, on target: ConformanceTarget, fixture loaded: Result<FixtureTarget, any Error>) async -> ScenarioResult {
        func result(_ outcome: ScenarioResult.Outcome, trace: [ScenarioTrace.Event] = [], seconds: Double = 0) -> ScenarioResult {
            ScenarioResult(scenario: scenario.id, tier: scenario.tier, outcome: outcome, trace: trace, seconds: seconds)
        }
        if let capability = scenario.capability, !target.descriptor.capabilities.contains(capability) {
            return result(.skipped(reason: "capability \(capability.rawValue) not declared"))
        }
        let fixture: FixtureTarget
        switch loaded {
        case .success(let loaded): fixture = loaded
        case .failure(let error): return result(.failed(reasons: ["\(error)"]))
        }
        if scenario.transport == .http, !fixture.makesHTTPCalls {
            return result(.skipped(reason: "not applicable: the provider makes no HTTP calls"))
        }
        if let reason = fixture.notApplicable[scenario.id] {
            guard scenario.mayNotApply else {
                return result(.failed(reasons: ["\(FixtureTarget.fileName) declares the scenario not applicable, but every provider must pass it"]))
            }
            return result(.skipped(reason: "not applicable: \(reason)"))
        }
        let har = fixture.makesHTTPCalls ? fixture.harFile(for: scenario.id) : nil
        if let har, !FileManager.default.fileExists(atPath: har.path) {
            return result(.failed(reasons: ["missing fixture \(har.lastPathComponent)"]))
        }

        let trace = ScenarioTrace()
        let started = ContinuousClock.now
        let reasons = await failures(of: scenario, on: target, fixture: fixture, har: har, trace: trace)
        let elapsed = ContinuousClock.now - started
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        return result(reasons.isEmpty ? .passed : .failed(reasons: reasons), trace: trace.events, seconds: seconds)
    }

    /// Why the scenario failed; `har` is nil for a target that makes no HTTP calls.
    private func failures(
        of scenario: ConformanceScenario, on target: ConformanceTarget, fixture: FixtureTarget, har: URL?, trace: ScenarioTrace
    ) async -> [String] {
        var replay: HARReplayTransport?
        let provider: any FineTuningProvider
        if let har {
            do {
                replay = try HARReplayTransport(contentsOf: har)
            } catch {
                return ["fixture \(har.lastPathComponent) cannot be read: \(error)"]
            }
        }
        var wire: (transport: any HTTPTransport, environment: [String: String]) = (
            TracingTransport(base: replay ?? UnavailableTransport(), trace: trace), fixture.environment
        )
        var server: LoopbackReplayServer?
        if let replay, let liveTransport {
            let started: LoopbackReplayServer
            do {
                started = try LoopbackReplayServer(replay: replay, fixture: fixture, trace: trace)
            } catch {
                return ["live mode: \(error)"]
            }
            server = started
            wire = (LoopbackOnlyTransport(base: liveTransport, ports: started.ports, trace: trace), started.environment)
        }
        defer { server?.stop() }
        let transport = RetryingTransport(base: wire.transport, policy: RetryPolicy(backoff: RetryBackoff(clock: trace.clock())))
        do {
            provider = try target.make(transport, wire.environment)
        } catch {
            return ["provider could not be built: \(error)"]
        }

        var failures: [String] = []
        for (index, step) in scenario.steps.enumerated() {
            stepObserver?(index, step)
            let outcome = await Result { try await StepExecution(step: step, provider: provider, fixture: fixture).run() }
            let context = StepContext(
                providerID: target.descriptor.id, fixture: fixture, inputs: step.inputs, lastResponse: trace.lastResponse)
            let prefix = scenario.steps.count > 1 ? "step \(index + 1) (\(step.operation.rawValue)): " : ""
            failures += step.expect.failures(of: outcome, in: context).map { prefix + $0 }
        }
        failures += replay.map { exchangeFailures(of: scenario, replay: $0, trace: trace) } ?? requestsMade(trace)
        return failures.uniqued()
    }

    /// How the scenario's HTTP traffic differs from its fixture and its exchange expectations.
    private func exchangeFailures(of scenario: ConformanceScenario, replay: HARReplayTransport, trace: ScenarioTrace) -> [String] {
        var failures = scenario.exchanges.failures(of: trace)
        for case .unmatched(let method, let url, let reason) in trace.unmatched {
            failures.append("request not in the fixture: \(method) \(url) (\(reason))")
        }
        let unused = replay.unusedEntries().map { "\($0.request.method) \($0.request.url)" }
        if !unused.isEmpty {
            failures.append("\(unused.count) recorded exchange(s) never requested: " + unused.joined(separator: ", "))
        }
        return failures
    }

    /// The requests a provider declared to make no HTTP calls made anyway, one failure each.
    private func requestsMade(_ trace: ScenarioTrace) -> [String] {
        trace.unmatched.compactMap { event in
            guard case .unmatched(let method, let url, _) = event else { return nil }
            return "the provider sent \(method) \(url), but \(FixtureTarget.fileName) declares it makes no HTTP calls"
        }
    }
}

extension Array where Element: Hashable {
    /// The elements in order, each only the first time it occurs.
    fileprivate func uniqued() -> [Element] {
        var seen = Set<Element>()
        return filter { seen.insert($0).inserted }
    }
}

extension Result where Failure == any Error {
    /// The result of an async throwing body.
    init(catching body: () async throws -> Success) async {
        do {
            self = .success(try await body())
        } catch {
            self = .failure(error)
        }
    }
}
