import FineTuning
import FineTuningPlugins
import Foundation
import Testing

/// `finetune plugin new NAME --language swift` scaffolds a package that builds against this
/// checkout's `FineTuningPluginKit` and passes its first conformance run. The package is built in
/// `.build-plugin-scaffold/acme` of the checkout, kept between runs, so only the first run compiles
/// the kit and its dependencies (minutes); later runs rebuild nothing that did not change.
@Suite struct SwiftPluginScaffoldTests {
    static let checkout = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    @Test func aScaffoldedSwiftPluginBuildsAndPassesItsFirstConformanceRun() async throws {
        let scratch = try temporaryPluginFolder()
        defer { try? FileManager.default.removeItem(at: scratch) }
        let (created, output) = try await ConformanceKitTests.finetune(
            ["plugin", "new", "acme", "--language", "swift", "--finetune-package", Self.checkout.path], in: scratch)
        #expect(created == 0, "\(output)")
        #expect(output.contains("Package.swift, Sources/acme/Export.swift, Sources/acme/Provider.swift, build.sh, fixtures/target.json"), "\(output)")

        let kept = Self.checkout.appendingPathComponent(".build-plugin-scaffold/acme")
        try Self.mirror(scratch.appendingPathComponent("acme"), into: kept)
        let build = ChildProcess(executable: URL(fileURLWithPath: "/bin/sh"), arguments: [kept.appendingPathComponent("build.sh").path])
        let (ending, buildOutput, buildErrors) = await build.run(timeout: .seconds(1200))
        #expect(ending == .status(0), "\(String(decoding: buildOutput + buildErrors, as: UTF8.self).suffix(3000))")

        let (status, report) = try await ConformanceKitTests.finetune(
            ["conformance", "--plugin", kept.appendingPathComponent("libacme.so").path, "--fixtures", kept.appendingPathComponent("fixtures").path],
            in: scratch)
        #expect(status == 0, "\(report)")
        #expect(report.contains("acme: 8 passed, 0 FAILED"), "\(report)")
    }

    @Test func aFolderThatIsNotAFinetuneCheckoutIsAUsageError() async throws {
        let folder = try temporaryPluginFolder()
        let (status, output) = try await ConformanceKitTests.finetune(
            ["plugin", "new", "acme", "--language", "swift", "--finetune-package", folder.path], in: folder)
        #expect(status == 64, "\(output)")
        #expect(output.contains("no finetune checkout at \(folder.path)"), "\(output)")
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("acme").path))
    }

    /// Writes every file of `source` into `target` whose text differs, keeping the others (and the
    /// build folder) untouched, so an unchanged scaffold needs no rebuild.
    static func mirror(_ source: URL, into target: URL) throws {
        let files = FileManager.default.enumerator(at: source, includingPropertiesForKeys: [.isRegularFileKey])?
            .compactMap { $0 as? URL }.filter { (try? $0.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true } ?? []
        try FileManager.default.createDirectory(at: target, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o755])
        for file in files {
            let relative = String(file.standardizedFileURL.path.dropFirst(source.standardizedFileURL.path.count + 1))
            let destination = target.appendingPathComponent(relative)
            let text = try Data(contentsOf: file)
            guard (try? Data(contentsOf: destination)) != text else { continue }
            try FileManager.default.createDirectory(
                at: destination.deletingLastPathComponent(), withIntermediateDirectories: true, attributes: [.posixPermissions: 0o755])
            try text.write(to: destination)
        }
    }
}
