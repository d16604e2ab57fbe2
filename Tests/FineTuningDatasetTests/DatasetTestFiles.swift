import Foundation

/// A scratch directory for one test, removed when the value goes away.
final class DatasetTestFiles {
    let directory: URL

    init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("dataset-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(at: directory) }

    /// Writes `bytes` to `name` and returns the path.
    @discardableResult
    func write(_ name: String, bytes: [UInt8]) throws -> String {
        let url = directory.appendingPathComponent(name)
        try Data(bytes).write(to: url)
        return url.path
    }

    @discardableResult
    func write(_ name: String, _ text: String) throws -> String {
        try write(name, bytes: Array(text.utf8))
    }

    func path(_ name: String) -> String { directory.appendingPathComponent(name).path }

    func read(_ name: String) throws -> String {
        try String(contentsOfFile: path(name), encoding: .utf8)
    }
}

/// Small valid examples in each format.
enum Samples {
    static func chat(_ question: String, _ answer: String, system: String? = nil) -> String {
        var messages: [String] = []
        if let system { messages.append(#"{"role":"system","content":"\#(system)"}"#) }
        messages.append(#"{"role":"user","content":"\#(question)"}"#)
        messages.append(#"{"role":"assistant","content":"\#(answer)"}"#)
        return #"{"messages":[\#(messages.joined(separator: ","))]}"#
    }
}
