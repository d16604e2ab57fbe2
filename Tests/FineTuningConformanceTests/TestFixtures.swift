import FineTuning
import FineTuningConformance
import Foundation

/// The repository's conformance data and the reference fixtures of this test target.
enum TestFixtures {
    /// The repository's `Conformance` folder.
    static let layout: ConformanceLayout = {
        guard let layout = ConformanceLayout.find(from: URL(fileURLWithPath: #filePath).deletingLastPathComponent()) else {
            fatalError("no Conformance folder above \(#filePath)")
        }
        return layout
    }()

    static func scenarios() throws -> [ConformanceScenario] {
        try ConformanceScenario.loadAll(from: layout.scenarios)
    }

    /// `Fixtures/reference`, the fixtures of `ReferenceTestProvider`.
    static let reference = Bundle.module.url(forResource: "Fixtures", withExtension: nil)!.appendingPathComponent("reference")

    static let referenceTarget = ConformanceTarget.targets(from: ReferenceTestProvider.registrations)[0]

    /// A writable copy of the reference fixtures, changed by `corrupt` (file name -> new content).
    static func corruptedReference(_ corrupt: (URL) throws -> Void) throws -> URL {
        try corruptedCopy(of: reference, corrupt)
    }

    /// A writable copy of the fixture folder `folder`, changed by `corrupt`.
    static func corruptedCopy(of folder: URL, _ corrupt: (URL) throws -> Void) throws -> URL {
        let copy = FileManager.default.temporaryDirectory.appendingPathComponent("conformance-\(UUID().uuidString)")
        try FileManager.default.copyItem(at: folder, to: copy)
        try corrupt(copy)
        return copy
    }

    /// Replaces `old` with `new` in `file` of `folder`; the text must occur.
    static func replace(_ old: String, with new: String, in file: String, of folder: URL) throws {
        let url = folder.appendingPathComponent(file)
        let text = try String(contentsOf: url, encoding: .utf8)
        guard text.contains(old) else { throw CocoaError(.fileReadCorruptFile, userInfo: [NSFilePathErrorKey: url.path]) }
        try text.replacingOccurrences(of: old, with: new).write(to: url, atomically: true, encoding: .utf8)
    }

    /// Sets a top-level key of `target.json` in `folder`.
    static func setTargetKey(_ key: String, to value: JSONValue, in folder: URL) throws {
        let url = folder.appendingPathComponent(FixtureTarget.fileName)
        guard case .object(var members) = try JSONValue(parsing: Data(contentsOf: url)) else { throw CocoaError(.fileReadCorruptFile) }
        members[key] = value
        try JSONValue.object(members).serialized(pretty: true).write(to: url)
    }
}
