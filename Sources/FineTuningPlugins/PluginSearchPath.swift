import Foundation

/// Where plugins are looked for, in order: `--plugin PATH` options, then the entries of
/// `FINETUNE_PLUGIN_PATH` (separated by `:`), then the user folder `~/.finetune/plugins`.
/// An entry is a library file or a folder whose `.so` / `.dylib` files are all plugins.
public struct PluginSearchPath: Sendable, Hashable {
    /// Paths named explicitly (options and the variable): each must exist.
    public var explicit: [String]
    /// Folders that are searched when they exist (the default user folder).
    public var optionalFolders: [String]

    public init(explicit: [String] = [], optionalFolders: [String] = []) {
        self.explicit = explicit
        self.optionalFolders = optionalFolders
    }

    /// The environment variable holding extra plugin paths.
    public static let environmentVariable = "FINETUNE_PLUGIN_PATH"

    /// The search path of a command: its `--plugin` options, the environment, the user folder.
    public static func standard(options: [String] = [], environment: [String: String], home: String = NSHomeDirectory()) -> PluginSearchPath {
        let fromEnvironment = (environment[environmentVariable] ?? "").split(separator: ":").map(String.init)
        return PluginSearchPath(
            explicit: options + fromEnvironment,
            optionalFolders: [(home as NSString).appendingPathComponent(".finetune/plugins")])
    }

    /// The library files the path names, in order and without duplicates. A named path that
    /// does not exist is an error; a named file is taken whatever its extension.
    public func libraryFiles() throws -> [String] {
        var files: [String] = []
        for path in explicit {
            var isFolder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else { throw PluginFailure.missingFile(path) }
            files += isFolder.boolValue ? try Self.libraries(in: path) : [path]
        }
        for folder in optionalFolders where FileManager.default.fileExists(atPath: folder) {
            files += try Self.libraries(in: folder)
        }
        var seen: Set<String> = []
        return files.filter { seen.insert(($0 as NSString).standardizingPath).inserted }
    }

    /// The shared libraries directly inside `folder`, sorted by name.
    private static func libraries(in folder: String) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: folder)
            .filter { $0.hasSuffix(".so") || $0.hasSuffix(".dylib") }
            .sorted()
            .map { (folder as NSString).appendingPathComponent($0) }
    }
}
