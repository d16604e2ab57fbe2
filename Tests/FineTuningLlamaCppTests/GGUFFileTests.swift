import FineTuning
import FineTuningLlamaCpp
import Foundation
import XCTest

final class GGUFFileTests: XCTestCase {
    var directory: URL!

    override func setUpWithError() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("gguf-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: directory)
    }

    func model(type: GGMLType) -> GGUFWriter {
        var writer = GGUFWriter()
        writer.set("general.architecture", .string("llama"))
        writer.set("llama.block_count", .unsigned(1))
        writer.tensors = [
            GGUFWriter.Tensor(name: "blk.0.attn_norm.weight", dimensions: [4], values: [1, 1, 1, 1]),
            GGUFWriter.Tensor(name: "blk.0.attn_q.weight", dimensions: [4, 2], type: type, values: [1, 2, 3, 4, 5, 6, 7, 8]),
        ]
        return writer
    }

    func testReadsWhatTheWriterWrote() throws {
        let url = directory.appendingPathComponent("m.gguf")
        try model(type: .f32).write(to: url)
        let model = try TrainableModel(path: url.path, consentToConvert: false)
        XCTAssertNil(model.conversion)
        let file = model.file
        XCTAssertEqual(file.architecture, "llama")
        XCTAssertEqual(file["llama.block_count"]?.intValue, 1)
        let q = try XCTUnwrap(file.tensor(named: "blk.0.attn_q.weight"))
        XCTAssertEqual(q.dimensions, [4, 2])
        XCTAssertEqual(try file.floats(of: q), [1, 2, 3, 4, 5, 6, 7, 8])
    }

    func testRefusesF16WeightsNamingTheTensorUnlessConversionIsAllowed() throws {
        let url = directory.appendingPathComponent("f16.gguf")
        try model(type: .f16).write(to: url)
        XCTAssertThrowsError(try TrainableModel(path: url.path, consentToConvert: false)) { error in
            let error = error as! FineTuningError
            XCTAssertEqual(error.code, .invalidRequest)
            XCTAssertTrue(error.message.contains("F16") && error.message.contains("blk.0.attn_q.weight") && error.message.contains("only F32"), error.message)
        }
        let conversion = try XCTUnwrap(TrainableModel(path: url.path, consentToConvert: true).conversion)
        XCTAssertEqual(conversion.sourceTypes, "F16")
        XCTAssertEqual(conversion.convertedBytes, (4 + 8) * 4)
    }

    func testRefusesTruncatedAndForeignFiles() throws {
        let truncated = directory.appendingPathComponent("truncated.gguf")
        try model(type: .f32).encoded().dropLast(40).write(to: truncated)
        XCTAssertThrowsError(try GGUFFile(path: truncated.path)) { error in
            XCTAssertTrue((error as! FineTuningError).message.contains("truncated"), "\(error)")
        }
        let text = directory.appendingPathComponent("notes.gguf")
        try Data("hello, not a model".utf8).write(to: text)
        XCTAssertThrowsError(try GGUFFile(path: text.path)) { error in
            XCTAssertTrue((error as! FineTuningError).message.contains("not a GGUF file"), "\(error)")
        }
        let headerOnly = directory.appendingPathComponent("header.gguf")
        try model(type: .f32).encoded().prefix(30).write(to: headerOnly)
        XCTAssertThrowsError(try GGUFFile(path: headerOnly.path)) { error in
            XCTAssertEqual((error as! FineTuningError).code, .invalidRequest)
        }
    }

    func testMissingModelIsNotFound() {
        XCTAssertThrowsError(try GGUFFile(path: directory.appendingPathComponent("absent.gguf").path)) { error in
            XCTAssertEqual((error as! FineTuningError).code, .notFound)
        }
    }
}

/// The saved-model metadata repair: what llama.cpp's saver drops comes back, typed as it was.
final class GGUFMetadataRestorerTests: XCTestCase {
    func testMissingEntriesAreCopiedWithTheirTypesAndTensorsStayIntact() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("restore-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        var original = GGUFWriter()
        original.set("general.architecture", .string("qwen2"))
        original.set("qwen2.block_count", .unsigned(2))
        original.set("tokenizer.chat_template", .string("{{ '<|im_start|>' }}"))
        original.tensors = [GGUFWriter.Tensor(name: "a.weight", dimensions: [2, 2], values: [1, 2, 3, 4])]
        var saved = GGUFWriter()
        saved.set("general.architecture", .string("qwen2"))
        saved.set("qwen2.extra", .float(0.5))
        saved.tensors = [
            GGUFWriter.Tensor(name: "a.weight", dimensions: [2, 2], values: [5, 6, 7, 8]),
            GGUFWriter.Tensor(name: "b.weight", dimensions: [3], values: [9, 10, 11]),
        ]
        let originalURL = directory.appendingPathComponent("original.gguf"), savedURL = directory.appendingPathComponent("saved.gguf")
        try original.write(to: originalURL)
        try saved.write(to: savedURL)

        let restored = try GGUFMetadataRestorer.restore(from: try GGUFFile(path: originalURL.path), into: savedURL.path)
        XCTAssertEqual(restored, ["qwen2.block_count", "tokenizer.chat_template"])
        let file = try GGUFFile(path: savedURL.path)
        XCTAssertEqual(file.metadata.map(\.key), ["general.architecture", "qwen2.extra", "qwen2.block_count", "tokenizer.chat_template"])
        XCTAssertEqual(file["tokenizer.chat_template"]?.stringValue, "{{ '<|im_start|>' }}")
        XCTAssertEqual(file["qwen2.extra"], .float(0.5))
        XCTAssertEqual(try file.floats(of: try XCTUnwrap(file.tensor(named: "a.weight"))), [5, 6, 7, 8])
        XCTAssertEqual(try file.floats(of: try XCTUnwrap(file.tensor(named: "b.weight"))), [9, 10, 11])
        XCTAssertEqual(try GGUFMetadataRestorer.restore(from: try GGUFFile(path: originalURL.path), into: savedURL.path), [], "nothing left to restore")
    }
}
