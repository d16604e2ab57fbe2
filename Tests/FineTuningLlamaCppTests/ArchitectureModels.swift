import FineTuning
@testable import FineTuningLlamaCpp
import Foundation
import XCTest

/// Tiny models in the shapes of real architectures (scripts/make-arch-model.py), generated on the spot.
extension LlamaTestCase {
    enum Architecture: String, CaseIterable {
        case llama, qwen2, gemma
        case gemmaLike = "gemma-like"
    }

    enum StorageType: String {
        case f32, f16, bf16, q8_0
    }

    /// A deterministic tiny `architecture` model stored as `type`.
    func architectureModel(_ architecture: Architecture, type: StorageType = .f32, extra: [String] = []) async throws -> String {
        let python = Self.packageRoot.appendingPathComponent(".deps/venv/bin/python").path
        guard FileManager.default.isExecutableFile(atPath: python) else {
            throw XCTSkip("the model generator's Python packages are not installed: run scripts/setup-llama.sh")
        }
        let output = directory.appendingPathComponent("\(architecture.rawValue)-\(type.rawValue.uppercased()).gguf").path
        let script = Self.packageRoot.appendingPathComponent("scripts/make-arch-model.py").path
        try await Self.runPython(python, [script, output, "--arch", architecture.rawValue, "--type", type.rawValue] + extra)
        return output
    }

    /// The message of the job's first event with id `id`.
    func eventMessage(_ job: FineTuningJob, _ id: String) -> String? {
        provider.store.events(of: job.id.native).first { $0.id == id }?.message
    }
}
