import FineTuning
import FineTuningEval
import FineTuningLlamaCpp
import Foundation
import Testing

@Suite struct SweepSpaceTests {
    @Test func gridsCombineAndRandomDrawsAreSeeded() throws {
        let grid = try SweepSpace(grid: ["learning_rate=1e-4,3e-4", "epochs=2,4,8"], random: [])
        let trials = try grid.trials(count: nil, seed: 1)
        #expect(trials.count == 6)
        #expect(Set(trials.map { $0.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value.jsonText)" }.joined(separator: " ") }).count == 6)
        #expect(trials.allSatisfy { $0["epochs"]?.int64Value != nil })

        let random = try SweepSpace(grid: ["epochs=3"], random: ["learning_rate=1e-5..1e-2", "seed=1..100"])
        let first = try random.trials(count: 20, seed: 9), again = try random.trials(count: 20, seed: 9)
        #expect(first.map { $0["learning_rate"] } == again.map { $0["learning_rate"] })
        let rates = first.compactMap { $0["learning_rate"]?.doubleValue }
        #expect(rates.count == 20 && rates.allSatisfy { (1e-5...1e-2).contains($0) })
        // log-uniform over three decades: some draws fall in each of the lower two decades
        #expect(rates.contains { $0 < 1e-4 } && rates.contains { $0 < 1e-3 && $0 >= 1e-4 })
        #expect(first.allSatisfy { $0["seed"]?.int64Value != nil && $0["epochs"] == .integer(3) })
    }

    @Test(arguments: [
        (["learning_rate"], [String](), "--grid 'learning_rate' is not NAME=V1,V2"),
        ([String](), ["learning_rate=1e-3..1e-4"], "LOW < HIGH"),
        (["epochs=1,2"], ["epochs=1..5"], "swept twice"),
        ([String](), [String](), "at least one --grid"),
    ])
    func malformedSpacesAreClearErrors(grid: [String], random: [String], message: String) {
        let error = #expect(throws: FineTuningError.self) { try SweepSpace(grid: grid, random: random) }
        #expect(error?.message.contains(message) == true, "\(error?.message ?? "")")
    }

    @Test func randomNeedsATrialCount() throws {
        let space = try SweepSpace(grid: [], random: ["learning_rate=1e-4..1e-3"])
        #expect(throws: FineTuningError.self) { try space.trials(count: nil, seed: 1) }
    }

    @Test func bestTrialAndHyperparameterFile() throws {
        let trials = [
            SweepTrial(number: 1, hyperparameters: ["learning_rate": 0.001], job: "llamacpp:a", outcome: .succeeded, validationLoss: 2.5, epoch: 3, metric: 0.4),
            SweepTrial(number: 2, hyperparameters: ["learning_rate": 0.0003], job: "llamacpp:b", outcome: .succeeded, validationLoss: 1.5, epoch: 3, metric: 0.3),
            SweepTrial(number: 3, hyperparameters: ["learning_rate": 0.01], job: "llamacpp:c", outcome: .stoppedEarly, validationLoss: 0.1, epoch: 1),
        ]
        #expect(SweepSelection.best(trials, higherIsBetter: nil)?.number == 2)
        #expect(SweepSelection.best(trials, higherIsBetter: true)?.number == 1)
        #expect(SweepSelection.best(trials, higherIsBetter: false)?.number == 2)

        let file = HyperparameterFile(values: ["learning_rate": 0.0003, "epochs": 3, "context_length": 256])
        #expect(file.hyperparameters.keys.sorted() == ["epochs", "learning_rate"])
        #expect(file.native == ["context_length": 256])
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("hp-\(UUID().uuidString).json").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        try file.data().write(to: URL(fileURLWithPath: path))
        #expect(try HyperparameterFile(path: path) == file)
        try Data(#"{"hyperparameters": {"epochs": 3}}"#.utf8).write(to: URL(fileURLWithPath: path))
        #expect(throws: FineTuningError.self) { try HyperparameterFile(path: path) }
    }
}

/// A real local sweep: trials are llamacpp jobs on a tiny generated model; a diverging trial is stopped early.
@Suite struct LocalSweepTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    @Test func trialsRunAsJobsAndADivergingOneIsStoppedEarly() async throws {
        let environment = ProcessInfo.processInfo.environment
        guard (try? TrainingWorker.locate(environment: environment)) != nil else { return }
        let python = Self.root.appendingPathComponent(".deps/venv/bin/python").path
        guard FileManager.default.isExecutableFile(atPath: python) else { return }
        let home = FileManager.default.temporaryDirectory.appendingPathComponent("sweep-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: home) }
        let model = home.appendingPathComponent("tiny.gguf").path
        let generator = Process()
        generator.executableURL = URL(fileURLWithPath: python)
        generator.arguments = [Self.root.appendingPathComponent("scripts/make-tiny-model.py").path, model]
        try generator.run()
        generator.waitUntilExit()
        let lines = try String(contentsOf: Self.root.appendingPathComponent("Examples/data/support-faq.jsonl"), encoding: .utf8).split(separator: "\n")
        let training = home.appendingPathComponent("train.jsonl").path, validation = home.appendingPathComponent("valid.jsonl").path
        try (lines.prefix(6).joined(separator: "\n") + "\n").write(toFile: training, atomically: true, encoding: .utf8)
        try (lines.dropFirst(6).prefix(2).joined(separator: "\n") + "\n").write(toFile: validation, atomically: true, encoding: .utf8)

        var providerEnvironment = ["FINETUNE_HOME": home.path]
        providerEnvironment["FINETUNE_LLAMA_WORKER"] = environment["FINETUNE_LLAMA_WORKER"]
        let registry = ProviderRegistry()
        try registry.register(LlamaCppProvider.registration(environment: providerEnvironment))
        let client = FineTuningClient(registry: registry)
        let runner = SweepRunner(
            client: client, base: CreateJobRequest(model: "llamacpp/\(model)", trainingData: .localFile(path: training), validationData: .localFile(path: validation)),
            fixed: ["epochs": 40], parallel: 1, earlyStopRatio: 1.25, pollInterval: .milliseconds(200))
        // Trial 1 learns gently for 2 epochs; trial 2's AdamW step size of 1.0 wrecks the model in its first epoch.
        let trials = try await runner.run([["learning_rate": 1e-3, "epochs": 2], ["learning_rate": 1.0]])

        #expect(trials[0].outcome == .succeeded)
        #expect(trials[1].outcome == .stoppedEarly, "trial 2: \(trials[1])")
        #expect(trials[1].validationLoss! > trials[0].validationLoss!)
        let jobs = try await client.jobs(provider: "llamacpp").collect()
        #expect(Set(jobs.map(\.id.description)) == Set(trials.compactMap(\.job)))
        var stopped = try await client.job(JobID(trials[1].job!)!)
        for _ in 0..<100 where !stopped.status.isTerminal {
            try await Task.sleep(nanoseconds: 200_000_000)
            stopped = try await client.job(JobID(trials[1].job!)!)
        }
        #expect(stopped.status == .cancelled)
        #expect(SweepSelection.best(trials, higherIsBetter: nil)?.number == 1)
    }
}
