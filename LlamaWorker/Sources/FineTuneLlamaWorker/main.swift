import FineTuning
import FineTuningLlamaCpp
import Foundation

// finetune-llama-worker: the llama.cpp side of the `llamacpp` provider.
//   train JOB_DIR                                   run a stored job (started detached by the provider)
//   generate --model M.gguf [--adapter A.gguf] --prompt TEXT [--max-tokens N]   greedy answer on stdout
//   prepare --model M.gguf --data FILE.jsonl --output WINDOWS.bin [--context N]  windows for the benchmark
let arguments = Array(CommandLine.arguments.dropFirst())
LlamaLog.install(verbose: ProcessInfo.processInfo.environment["FINETUNE_LLAMA_VERBOSE"] != nil)

func option(_ name: String) -> String? {
    arguments.firstIndex(of: name).flatMap { $0 + 1 < arguments.count ? arguments[$0 + 1] : nil }
}

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data((message + "\n").utf8))
    exit(2)
}

do {
    switch arguments.first {
    case "train":
        guard arguments.count == 2 else { fail("usage: finetune-llama-worker train JOB_DIR") }
        let directory = URL(fileURLWithPath: arguments[1])
        let runner = try JobRunner(store: LocalJobStore(root: directory.deletingLastPathComponent()), id: directory.lastPathComponent)
        exit(runner.run())
    case "generate":
        guard let modelPath = option("--model"), let prompt = option("--prompt") else {
            fail("usage: finetune-llama-worker generate --model M.gguf [--adapter A.gguf] --prompt TEXT [--max-tokens N]")
        }
        let model = try LlamaModel(path: modelPath, writable: false)
        let text = try Generator(model: model).generate(prompt: prompt, adapterPath: option("--adapter"), maxTokens: option("--max-tokens").flatMap(Int.init) ?? 64)
        print(text)
    case "prepare":
        guard let modelPath = option("--model"), let data = option("--data"), let output = option("--output") else {
            fail("usage: finetune-llama-worker prepare --model M.gguf --data FILE.jsonl --output WINDOWS.bin [--context N]")
        }
        let spec = TrainingSpec(modelPath: modelPath, trainingFile: data, contextLength: option("--context").flatMap(Int.init), validationSplit: 0)
        let prepared = try PreparedData(spec: spec, model: try LlamaModel(path: modelPath, writable: false))
        try prepared.training.encoded().write(to: URL(fileURLWithPath: output))
        print(prepared.summary)
    default:
        fail("usage: finetune-llama-worker train JOB_DIR | generate ... | prepare ...")
    }
} catch {
    fail("\(error)")
}
