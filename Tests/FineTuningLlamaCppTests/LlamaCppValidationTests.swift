import FineTuning
import FineTuningLlamaCpp
import Foundation
import XCTest

/// Requests the provider refuses before any training starts (no llama.cpp needed).
final class LlamaCppValidationTests: LlamaTestCase {
    func model(type: GGMLType) throws -> String {
        var writer = GGUFWriter()
        writer.set("general.architecture", .string("llama"))
        writer.tensors = [GGUFWriter.Tensor(name: "blk.0.attn_q.weight", dimensions: [2, 2], type: type, values: [1, 0, 0, 1])]
        let url = directory.appendingPathComponent("model-\(type.rawValue).gguf")
        try writer.write(to: url)
        return url.path
    }

    func assertCreateFails(model: String, data: String? = nil, code: FineTuningError.Code, mentioning words: [String], file: StaticString = #filePath, line: UInt = #line) async throws {
        do {
            _ = try await provider.createJob(try request(model: model, data: data ?? Self.exampleData, Hyperparameters(epochs: 1)))
            XCTFail("create succeeded", file: file, line: line)
        } catch let error as FineTuningError {
            XCTAssertEqual(error.code, code, error.description, file: file, line: line)
            for word in words { XCTAssertTrue(error.description.contains(word), "'\(word)' not in: \(error)", file: file, line: line) }
        }
        XCTAssertTrue(provider.store.jobIDs().isEmpty, file: file, line: line)
    }

    func testRefusesF16Models() async throws {
        try await assertCreateFails(model: try model(type: .f16), code: .invalidRequest, mentioning: ["F16", "only F32"])
    }

    func testRefusesCorruptAndMissingModels() async throws {
        let corrupt = directory.appendingPathComponent("corrupt.gguf")
        try Data("GGUF\u{3}\0\0\0garbage".utf8).write(to: corrupt)
        try await assertCreateFails(model: corrupt.path, code: .invalidRequest, mentioning: ["not a valid GGUF file"])
        try await assertCreateFails(model: directory.appendingPathComponent("missing.gguf").path, code: .notFound, mentioning: ["does not exist"])
    }

    func testRefusesBadDataNamingTheLine() async throws {
        let data = directory.appendingPathComponent("bad.jsonl").path
        try """
            {"messages":[{"role":"user","content":"Hi"},{"role":"assistant","content":"Hello!"}]}
            {"messages":[{"role":"user","content":"Only a question"}]}

            """.write(toFile: data, atomically: true, encoding: .utf8)
        try await assertCreateFails(model: try model(type: .f32), data: data, code: .invalidData, mentioning: ["bad.jsonl:2", "messages[0].role", "the last turn must be from the assistant"])
    }

    func testRefusesHyperparametersOutsideTheTable() async throws {
        XCTAssertThrowsError(try request(model: "m.gguf", data: Self.exampleData, Hyperparameters(batchSize: 4))) { error in
            XCTAssertEqual((error as? FineTuningError)?.code, .unsupported)
        }
        do {
            _ = try await provider.createJob(try request(model: try model(type: .f32), data: Self.exampleData, Hyperparameters(providerSpecific: ["optimizer": .string("lion")])))
            XCTFail("create succeeded")
        } catch let error as FineTuningError {
            XCTAssertTrue(error.message.contains("adamw, sgd"), error.message)
        }
    }

    func testListsAndReadsStoredJobsWithoutLlamaCpp() async throws {
        let job = FineTuningJob(id: JobID(provider: "llamacpp", native: "ft-20260101-000000-abcdef"), baseModel: "/m.gguf", status: .succeeded, providerStatus: "succeeded")
        try provider.store.create(job, spec: TrainingSpec(modelPath: "/m.gguf", trainingFile: "/d.jsonl"))
        try provider.store.append(JobEvent(id: "e1", message: "one"), to: job.id.native)
        try provider.store.append(JobEvent(id: "e2", message: "two", metrics: TrainingMetrics(step: 1, totalSteps: 2, trainLoss: 1.5)), to: job.id.native)
        let listed = try await provider.listJobs(PageRequest(), filter: JobFilter())
        XCTAssertEqual(listed.items.map(\.id), [job.id])
        let first = try await provider.listEvents(jobID: job.id.native, page: PageRequest(limit: 1))
        XCTAssertEqual(first.items.map(\.id), ["e1"])
        let rest = try await provider.listEvents(jobID: job.id.native, page: PageRequest(cursor: first.nextCursor))
        XCTAssertEqual(rest.items.map(\.id), ["e2"])
        XCTAssertEqual(rest.items.first?.metrics?.trainLoss, 1.5)
    }
}
