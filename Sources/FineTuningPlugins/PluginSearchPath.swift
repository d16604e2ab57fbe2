public import FineTuning
import FineTuningPluginABI
import Foundation

/// Where plugins are looked for, in order: `--plugin PATH` options, then the entries of
/// `FINETUNE_PLUGIN_PATH` (separated by `:`), then the user plugin folder
/// (`$FINETUNE_HOME/plugins`, else `$HOME/.finetune/plugins`). An entry is a library file or a
/// folder whose `.so` / `.dylib` files are all plugins.
///
/// Plugins named explicitly must load: any failure is an error. Plugins found implicitly (the
/// variable and the user folder) are skipped with a warning when they fail, so one stale library
/// cannot break every command.
public struct PluginSearchPath: Sendable, Hashable {
    /// Paths named with `--plugin`: each must exist and load.
    public var explicit: [String]
    /// Paths from `FINETUNE_PLUGIN_PATH`: a missing one, or a library that fails, is skipped with a warning.
    public var implicit: [String]
    /// Folders searched when they exist (the user plugin folder); their libraries are implicit.
    public var optionalFolders: [String]

    public init(explicit: [String] = [], implicit: [String] = [], optionalFolders: [String] = []) {
        self.explicit = explicit
        self.implicit = implicit
        self.optionalFolders = optionalFolders
    }

    /// The environment variable holding extra plugin paths.
    public static let environmentVariable = "FINETUNE_PLUGIN_PATH"

    /// One library file to load, and whether a failure to load it is an error or a warning.
    public struct Candidate: Sendable, Hashable {
        public var path: String
        /// True for a plugin named with `--plugin`.
        public var isExplicit: Bool
    }

    /// The search path of a command: its `--plugin` options, the environment, the user folder.
    public static func standard(options: [String] = [], environment: [String: String]) -> PluginSearchPath {
        let fromEnvironment = (environment[environmentVariable] ?? "").split(separator: ":").map(String.init)
        return PluginSearchPath(explicit: options, implicit: fromEnvironment, optionalFolders: [userFolder(environment: environment)])
    }

    /// `$FINETUNE_HOME/plugins`, else `$HOME/.finetune/plugins`, else the passwd entry's home.
    public static func userFolder(environment: [String: String]) -> String {
        if let home = environment["FINETUNE_HOME"], !home.isEmpty {
            return (home as NSString).appendingPathComponent("plugins")
        }
        let home = environment["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? NSHomeDirectory()
        return (home as NSString).appendingPathComponent(".finetune/plugins")
    }

    /// The library files the path names, in order and without duplicates, and the implicit
    /// entries that could not be searched (each a `FineTuningError` naming the path). A missing
    /// explicit path throws.
    public func candidates() throws -> (candidates: [Candidate], skipped: [FineTuningError]) {
        var found: [Candidate] = []
        var skipped: [FineTuningError] = []
        for path in explicit {
            found += try Self.libraries(at: path).map { Candidate(path: $0, isExplicit: true) }
        }
        for path in implicit {
            do {
                found += try Self.libraries(at: path).map { Candidate(path: $0, isExplicit: false) }
            } catch {
                skipped.append(PluginFailure.describing(error, path: path))
            }
        }
        for folder in optionalFolders where FileManager.default.fileExists(atPath: folder) {
            do {
                found += try Self.libraries(in: folder).map { Candidate(path: $0, isExplicit: false) }
            } catch {
                skipped.append(PluginFailure.describing(error, path: folder))
            }
        }
        var seen: Set<String> = []
        return (found.filter { seen.insert(($0.path as NSString).standardizingPath).inserted }, skipped)
    }

    /// The library files of every entry (explicit and implicit), in order; any problem throws.
    public func libraryFiles() throws -> [String] {
        let (candidates, skipped) = try candidates()
        if let first = skipped.first { throw first }
        return candidates.map(\.path)
    }

    /// `path` itself when it is a file, the libraries inside when it is a folder.
    private static func libraries(at path: String) throws -> [String] {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else { throw PluginFailure.missingFile(path) }
        return isFolder.boolValue ? try libraries(in: path) : [path]
    }

    /// The shared libraries directly inside `folder`, sorted by name.
    private static func libraries(in folder: String) throws -> [String] {
        do {
            return try FileManager.default.contentsOfDirectory(atPath: folder)
                .filter { $0.hasSuffix(".so") || $0.hasSuffix(".dylib") }
                .sorted()
                .map { (folder as NSString).appendingPathComponent($0) }
        } catch {
            throw PluginFailure.unreadableFolder(folder, error.localizedDescription)
        }
    }
}
