public import Foundation

/// Compiles a plugin written in C by a test against the real plugin ABI header into a shared
/// library, the way an author's build script does.
public enum CPluginCompiler {
    /// The plugin ABI header's folder.
    public static let headerFolder = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("CFineTuningPlugin/include").path

    /// Writes `source` to `folder/<name>.c`, compiles it into `folder/lib<name>.so` and returns its path.
    public static func build(_ source: String, named name: String, in folder: URL) throws -> String {
        let sourceFile = folder.appendingPathComponent("\(name).c")
        let library = folder.appendingPathComponent("lib\(name).so")
        try source.write(to: sourceFile, atomically: true, encoding: .utf8)
        let compiler = Process()
        compiler.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        compiler.arguments = [Self.compiler, "-shared", "-fPIC", "-I", headerFolder, "-o", library.path, sourceFile.path]
        try compiler.run()
        compiler.waitUntilExit()
        guard compiler.terminationStatus == 0 else {
            throw CocoaError(.executableLoad, userInfo: [NSLocalizedDescriptionKey: "\(Self.compiler) failed for \(sourceFile.path)"])
        }
        return library.path
    }

    /// `$CC`, else `cc`, else the Swift toolchain's `clang` (Swift's Linux images have no gcc).
    public static let compiler: String = {
        if let chosen = ProcessInfo.processInfo.environment["CC"], !chosen.isEmpty { return chosen }
        let path = ProcessInfo.processInfo.environment["PATH"] ?? ""
        let found = path.split(separator: ":").contains { FileManager.default.isExecutableFile(atPath: "\($0)/cc") }
        return found ? "cc" : "clang"
    }()

    /// A fresh folder, writable only by its owner (the loader refuses others), for one test's libraries.
    public static func temporaryFolder() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("plugin-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o755])
        return folder
    }
}
