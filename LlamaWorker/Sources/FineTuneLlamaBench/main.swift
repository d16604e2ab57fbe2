import FineTuning
import FineTuningLlamaCpp
import Foundation

// finetune-llama-bench MODEL.gguf DATA.jsonl EPOCHS LEARNING_RATE THREADS [KEY=VALUE request option ...]
// Trains through the framework (LlamaCppProvider: job store, detached worker, per-window events,
// polling as `wait` does) and prints the training speed the job measured, the time from create to the
// first training step, the memory plan against the measured peak, and the end-to-end time.
// FINETUNE_BENCH_KEEP=1 keeps the job folder (its path is printed) for the next measurement.
let arguments = CommandLine.arguments
guard arguments.count >= 6, let epochs = Int(arguments[3]), let learningRate = Double(arguments[4]), let threads = Int(arguments[5]) else {
    print("usage: finetune-llama-bench MODEL.gguf DATA.jsonl EPOCHS LEARNING_RATE THREADS [KEY=VALUE ...]")
    exit(2)
}
let home = FileManager.default.temporaryDirectory.appendingPathComponent("finetune-bench-\(UUID().uuidString)")
let provider = LlamaCppProvider(environment: ProcessInfo.processInfo.environment.merging(["FINETUNE_HOME": home.path]) { $1 })
let hyperparameters = Hyperparameters(
    epochs: epochs, learningRate: learningRate, seed: 1,
    providerSpecific: ["validation_split": .number(0), "threads": .integer(Int64(threads))])
var options: [String: JSONValue] = [:]
for pair in arguments.dropFirst(6) {
    let parts = pair.split(separator: "=", maxSplits: 1).map(String.init)
    guard parts.count == 2 else { print("options are KEY=VALUE, got '\(pair)'"); exit(2) }
    options[parts[0]] = (try? JSONValue(parsing: parts[1])) ?? .string(parts[1])
}
let request = ProviderJobRequest(
    baseModel: arguments[1], trainingData: .localFile(path: arguments[2]),
    hyperparameters: try HyperparameterTable.llamaCpp.translate(hyperparameters), options: options, clientToken: UUID().uuidString)
let start = Date()
var job = try await provider.createJob(request)
var cursor: String?
while !job.status.isTerminal {
    try await Task.sleep(nanoseconds: 500_000_000)
    job = try await provider.getJob(id: job.id.native)
    cursor = try await provider.listEvents(jobID: job.id.native, page: PageRequest(cursor: cursor)).nextCursor
}
let seconds = Date().timeIntervalSince(start)
let events = provider.store.events(of: job.id.native)
guard job.status == .succeeded, let speed = events.first(where: { $0.id == "speed" }) else {
    print("framework: job \(job.status): \(job.error?.message ?? "")")
    exit(1)
}
for event in events where event.id.hasPrefix("epoch-") { print("framework \(event.message)") }
print("framework: \(speed.message)")
if let aside = events.first(where: { $0.id == "aside" }) { print("framework besides training: \(aside.message)") }
if let firstStep = events.first(where: { $0.id.hasPrefix("step-") })?.createdAt {
    print(String(format: "framework create to first training step (conversion, load, data, optimizer set-up, first step): %.2f s", firstStep.timeIntervalSince(start)))
}
for id in ["memory-plan", "memory"] { if let event = events.first(where: { $0.id == id }) { print("framework \(id): \(event.message)") } }
print(String(format: "framework end to end (create to succeeded, with model load, data preparation and saving): %.2f s", seconds))
if ProcessInfo.processInfo.environment["FINETUNE_BENCH_KEEP"] == "1" {
    print("framework job folder: \(provider.store.directory(of: job.id.native).path)")
} else {
    try? FileManager.default.removeItem(at: home)
}
