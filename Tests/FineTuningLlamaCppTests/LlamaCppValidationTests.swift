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

/// The local job store takes only ids of its own grammar, so an id can never reach outside it, and a
/// store that cannot be written gives an error naming the path, with a set-up exit code.
final class LocalJobStoreSafetyTests: LlamaTestCase {
    func testIDsOutsideTheGrammarNeverBuildAPath() async throws {
        // A foreign job.json outside the store, naming itself by the traversing id (so only the grammar
        // check, not the record check, can refuse it).
        let outside = directory.appendingPathComponent("outside/evil")
        try FileManager.default.createDirectory(at: outside, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: provider.store.root, withIntermediateDirectories: true)
        let foreign = FineTuningJob(id: JobID(provider: "llamacpp", native: "../outside/evil"), baseModel: "m", status: .running, providerStatus: "running")
        try WireFormat.document("job", foreign).write(to: outside.appendingPathComponent("job.json"))
        for id in ["../outside/evil", "../../outside/evil", "/etc", "ft-20260101-000000-ABCDEF", "ft-20260101-000000-abcdef/..", ".", ""] {
            for operation in ["get", "cancel", "events"] {
                do {
                    switch operation {
                    case "get": _ = try await provider.getJob(id: id)
                    case "cancel": _ = try await provider.cancelJob(id: id)
                    default: _ = try await provider.listEvents(jobID: id, page: PageRequest())
                    }
                    XCTFail("\(operation) \(id) succeeded")
                } catch let error as FineTuningError {
                    XCTAssertEqual(error.code, .notFound, "\(operation) \(id): \(error)")
                    XCTAssertEqual(error.parameter, "job_id")
                }
            }
        }
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: outside.path), ["job.json"], "nothing written outside the store")
    }

    func testARecordNamingAnotherJobIsNotTrusted() async throws {
        let id = "ft-20260101-000000-000001"
        let other = FineTuningJob(id: JobID(provider: "llamacpp", native: "ft-20260101-000000-000002"), baseModel: "m", status: .running, providerStatus: "running")
        try FileManager.default.createDirectory(at: provider.store.directory(of: id), withIntermediateDirectories: true)
        try WireFormat.document("job", other).write(to: provider.store.jobFile(of: id))
        do {
            _ = try await provider.getJob(id: id)
            XCTFail("a record naming another job was returned")
        } catch let error as FineTuningError {
            XCTAssertEqual(error.code, .notFound)
        }
        XCTAssertFalse(FileManager.default.fileExists(atPath: provider.store.directory(of: "ft-20260101-000000-000002").path))
    }

    func testAStoreThatIsAFileGivesAnErrorNamingThePath() throws {
        let home = directory.appendingPathComponent("home-file")
        try Data("not a directory".utf8).write(to: home)
        let store = LocalJobStore(root: home.appendingPathComponent("jobs"))
        let job = FineTuningJob(id: JobID(provider: "llamacpp", native: LocalJobStore.newJobID()), baseModel: "m", status: .queued, providerStatus: "queued")
        XCTAssertThrowsError(try store.save(job)) { error in
            let error = error as? FineTuningError
            XCTAssertTrue(error?.message.contains(home.path) == true, "\(String(describing: error))")
            XCTAssertFalse(error?.message.contains("NSCocoaErrorDomain") ?? true)
        }
    }

    /// A read-only store cannot be made by chmod when the tests run as root; a `jobs` path that is a
    /// regular file fails the same way (the job directory cannot be made) and must not leak a raw
    /// Cocoa error nor look like a failed job.
    func testAJobsPathThatIsAFileGivesASetUpErrorNamingThePath() throws {
        let jobs = directory.appendingPathComponent("jobs-file")
        try Data("not a directory".utf8).write(to: jobs)
        let store = LocalJobStore(root: jobs)
        let id = LocalJobStore.newJobID()
        let job = FineTuningJob(id: JobID(provider: "llamacpp", native: id), baseModel: "m", status: .queued, providerStatus: "queued")
        XCTAssertThrowsError(try store.create(job, spec: TrainingSpec(modelPath: "/m.gguf", trainingFile: "/d.jsonl"))) { error in
            guard let error = error as? FineTuningError else { return XCTFail("not a FineTuningError: \(error)") }
            XCTAssertEqual(error.code, .configuration, "\(error)")
            XCTAssertTrue(error.message.contains(store.directory(of: id).path), "\(error)")
            XCTAssertTrue(error.message.contains("FINETUNE_HOME"), "\(error)")
            XCTAssertFalse(error.description.contains("NSCocoaErrorDomain"), "\(error)")
        }
        XCTAssertEqual(try String(contentsOf: jobs, encoding: .utf8), "not a directory", "the file in the way is left alone")
    }

    func testAModelThatIsADirectoryIsAnInvalidRequest() throws {
        XCTAssertThrowsError(try GGUFFile(path: directory.path)) { error in
            XCTAssertEqual((error as? FineTuningError)?.code, .invalidRequest)
            XCTAssertTrue((error as? FineTuningError)?.message.contains("is a directory") == true)
        }
    }
}
