import FineTuning
@testable import FineTuningLlamaCpp
import Foundation
import XCTest

/// `finetune create --dry-run` on a local model checks what a create checks (the model's type and
/// architecture, the options, the memory plan) and states the memory plan and the conversion, so a
/// preview that passes is a job that starts. Nothing is stored.
final class LlamaCppDryRunTests: LlamaTestCase {
    func preview(_ model: String, options: [String: JSONValue] = [:]) async throws -> JobPreview {
        let registry = ProviderRegistry()
        try registry.register(provider)
        let request = CreateJobRequest(
            model: "llamacpp/\(model)", trainingData: .localFile(path: try faqData(examples: 6)), hyperparameters: Hyperparameters(epochs: 1),
            options: options)
        return try await FineTuningClient(registry: registry).previewJob(request)
    }

    func expectRefusal(_ model: String, options: [String: JSONValue] = [:], parameter: String, saying words: [String]) async throws {
        do {
            let preview = try await preview(model, options: options)
            XCTFail("the dry run accepted what a create refuses: \(preview.notes)")
        } catch let error as FineTuningError {
            XCTAssertEqual(error.parameter, parameter, error.description)
            for word in words { XCTAssertTrue(error.message.contains(word), "'\(word)' not in: \(error.message)") }
        }
        XCTAssertTrue(provider.store.jobIDs().isEmpty)
    }

    func testAQuantizedModelWithoutConsentIsRefusedAsCreateRefusesIt() async throws {
        let model = try await architectureModel(.llama, type: .q8_0)
        try await expectRefusal(model, parameter: "model", saying: ["Q8_0", "--option convert_to_f32=true"])
    }

    func testAModelThatCannotTrainOrDoesNotFitOrAnUnknownOptionIsRefused() async throws {
        try await expectRefusal(try await architectureModel(.gemma), parameter: "model", saying: ["GEGLU"])
        let model = try await architectureModel(.llama)
        try await expectRefusal(model, options: ["max_memory": .number(0.001)], parameter: "max_memory", saying: ["memory plan"])
        try await expectRefusal(model, options: ["convert_to_f16": .bool(true)], parameter: "convert_to_f16", saying: ["convert_to_f32"])
        let notAModel = directory.appendingPathComponent("not-a-model.gguf")
        try Data("GGUF".utf8).write(to: notAModel)
        try await expectRefusal(notAModel.path, parameter: "model", saying: [notAModel.path])
    }

    func testThePreviewStatesTheMemoryPlanAndTheConversionAtNoCharge() async throws {
        let model = try await architectureModel(.llama, type: .q8_0)
        let preview = try await preview(model, options: ["convert_to_f32": .bool(true)])
        XCTAssertEqual(preview.cost, 0)
        XCTAssertEqual(preview.price?.provider, "llamacpp")
        XCTAssertTrue(preview.notes.contains { $0.hasPrefix("memory plan: about ") }, "\(preview.notes)")
        XCTAssertTrue(preview.notes.contains { $0.contains("converts it to F32 before training") && $0.contains("Q8_0") }, "\(preview.notes)")
        XCTAssertNil(preview.job)
        XCTAssertTrue(provider.store.jobIDs().isEmpty)
    }
}
