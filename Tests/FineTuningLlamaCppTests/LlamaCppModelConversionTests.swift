import FineTuning
@testable import FineTuningLlamaCpp
import Foundation
import XCTest

/// Models stored as F16, BF16 or quantized: refused without consent (naming the cost), converted to
/// F32 with llama.cpp's own routines with it, trained, and written back in the input's type.
final class LlamaCppModelConversionTests: LlamaTestCase {
    func request(model: String, options: [String: JSONValue], epochs: Int = 1) throws -> ProviderJobRequest {
        var request = try request(
            model: model, data: try faqData(examples: 6),
            Hyperparameters(epochs: epochs, learningRate: 2e-3, adapterSize: .rank(4), seed: 3, providerSpecific: ["validation_split": .number(0)]))
        request.options = options
        return request
    }

    func testAQuantizedModelIsRefusedWithoutConsentNamingWhatConversionCosts() async throws {
        let model = try await architectureModel(.llama, type: .q8_0)
        do {
            _ = try await provider.createJob(try request(model: model, options: [:]))
            XCTFail("a Q8_0 model was accepted without consent")
        } catch let error as FineTuningError {
            XCTAssertEqual(error.code, .invalidRequest)
            for words in ["Q8_0", "only F32", "--option convert_to_f32=true", "the F32 copy takes", "KiB"] {
                XCTAssertTrue(error.message.contains(words), "'\(words)' not in: \(error.message)")
            }
        }
        XCTAssertTrue(provider.store.jobIDs().isEmpty)
    }

    func testUnknownOrMalformedOptionsAreRefusedByName() async throws {
        let model = try await architectureModel(.llama)
        for (options, parameter) in [(["convert_to_f16": JSONValue.bool(true)], "convert_to_f16"), (["max_memory": .string("lots")], "max_memory")] {
            do {
                _ = try await provider.createJob(try request(model: model, options: options))
                XCTFail("\(options) accepted")
            } catch let error as FineTuningError {
                XCTAssertEqual(error.parameter, parameter, error.description)
            }
        }
    }

    func testAQ8ModelTrainsAfterConversionAndIsWrittenBackAsQ8() async throws {
        try requireLlamaCpp()
        let source = try await architectureModel(.llama, type: .q8_0)
        let created = try await provider.createJob(try request(model: source, options: ["convert_to_f32": .bool(true)], epochs: 4))
        XCTAssertTrue(eventMessage(created, "conversion-notice")?.contains("converts it to F32") ?? false)
        let job = try await waitFor(created) { $0.status.isTerminal }
        XCTAssertEqual(job.status, .succeeded, "\(job.error?.message ?? "") \(provider.store.logTail(of: job.id.native, lines: 10))")
        XCTAssertNotNil(eventMessage(job, "converted"))

        // The F32 copy holds exactly what ggml's Q8_0 dequantizer gives: every block's scale times its int8 values.
        let converted = try GGUFFile(path: provider.store.directory(of: job.id.native).appendingPathComponent(ModelConversion.convertedFileName).path)
        XCTAssertTrue(converted.tensors.allSatisfy { $0.type == .f32 })
        let original = try GGUFFile(path: source)
        let name = "blk.0.attn_q.weight"
        let quantized = try XCTUnwrap(original.tensor(named: name))
        XCTAssertEqual(quantized.type.description, "Q8_0")
        XCTAssertEqual(try converted.floats(of: try XCTUnwrap(converted.tensor(named: name))), try Self.dequantizeQ8_0(original, quantized))

        // Training moved the loss; the tuned model is written back as Q8_0, about the input's size, and answers.
        let epochs = provider.store.events(of: job.id.native).filter { $0.id.hasPrefix("epoch-") }.compactMap(\.metrics?.trainLoss)
        XCTAssertLessThan(try XCTUnwrap(epochs.last), try XCTUnwrap(epochs.first), "train loss per epoch: \(epochs)")
        let tuned = try XCTUnwrap(job.tunedModel?.name)
        XCTAssertTrue(tuned.hasSuffix("model-Q8_0.gguf"), tuned)
        let written = try GGUFFile(path: tuned)
        XCTAssertEqual(written["general.file_type"]?.intValue, 7)
        XCTAssertEqual(written.tensor(named: name)?.type.description, "Q8_0")
        let sizes = try [source, tuned].map { try XCTUnwrap(FileManager.default.attributesOfItem(atPath: $0)[.size] as? Int) }
        XCTAssertEqual(Double(sizes[1]), Double(sizes[0]), accuracy: Double(sizes[0]) * 0.1)
        let answer = try await LlamaCppGenerator(environment: ProcessInfo.processInfo.environment).generate(modelPath: tuned, prompt: "How do I reset my password?", maxTokens: 8)
        XCTAssertFalse(answer.isEmpty)
    }

    func testABF16ModelIsConvertedBitExactly() async throws {
        try requireLlamaCpp()
        let source = try await architectureModel(.qwen2, type: .bf16)
        let created = try await provider.createJob(try request(model: source, options: ["convert_to_f32": .string("true")]))
        let job = try await waitFor(created) { $0.status.isTerminal }
        XCTAssertEqual(job.status, .succeeded, "\(job.error?.message ?? "") \(provider.store.logTail(of: job.id.native, lines: 10))")
        XCTAssertTrue(job.tunedModel?.name?.hasSuffix("model-BF16.gguf") ?? false, "\(String(describing: job.tunedModel))")
        let converted = try GGUFFile(path: provider.store.directory(of: job.id.native).appendingPathComponent(ModelConversion.convertedFileName).path)
        let original = try GGUFFile(path: source)
        let info = try XCTUnwrap(original.tensor(named: "blk.1.ffn_down.weight"))
        XCTAssertEqual(info.type, .bf16)
        // BF16 is the upper half of an F32.
        let expected = original.rawBytes(of: info).withUnsafeBytes { Array($0.bindMemory(to: UInt16.self).prefix(info.elementCount)) }.map { Float(bitPattern: UInt32($0) << 16) }
        XCTAssertEqual(try converted.floats(of: try XCTUnwrap(converted.tensor(named: info.name))), expected)
    }

    /// Q8_0 by its definition in ggml: blocks of 32 values, an F16 scale then 32 int8 values.
    static func dequantizeQ8_0(_ file: GGUFFile, _ tensor: GGUFFile.TensorInfo) throws -> [Float] {
        let bytes = file.rawBytes(of: tensor)
        var values: [Float] = []
        values.reserveCapacity(tensor.elementCount)
        bytes.withUnsafeBytes { raw in
            for block in 0..<(tensor.elementCount / 32) {
                let start = block * 34
                let scale = Float(Float16(bitPattern: raw.loadUnaligned(fromByteOffset: start, as: UInt16.self)))
                for index in 0..<32 { values.append(scale * Float(raw.load(fromByteOffset: start + 2 + index, as: Int8.self))) }
            }
        }
        return values
    }
}

extension GGUFFile {
    /// The stored bytes of `tensor`, whatever its type (sized by the next tensor or the end of the file).
    func rawBytes(of tensor: TensorInfo) -> Data {
        let start = dataOffset + tensor.offset
        let next = tensors.map { dataOffset + $0.offset }.filter { $0 > start }.min() ?? data.count
        return data.subdata(in: (data.startIndex + start)..<(data.startIndex + next))
    }
}
