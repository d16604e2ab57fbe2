import CFineTuningPlugin
import FineTuning
import FineTuningHTTP
import Foundation

/// Loads plugins and registers their providers. Loading a file checks, in order: that the file
/// and its folder are writable only by their owner, that it is a shared library, that it exports
/// `finetune_plugin_v1`, the table's ABI version and size and required functions, and the
/// manifest. Every failure is a `FineTuningError` whose message names the file.
public struct PluginLoader: Sendable {
    /// Where plugins' log lines go.
    public var log: PluginLog

    public init(log: PluginLog = .standardError) {
        self.log = log
    }

    /// Loads one plugin file.
    public func load(path: String) throws -> LoadedPlugin {
        guard FileManager.default.fileExists(atPath: path) else { throw PluginFailure.missingFile(path) }
        try PluginFilePermissions.check(path)
        let library = try DynamicLibrary(path: path)
        guard let entry = library.symbol(FINETUNE_PLUGIN_ENTRY_SYMBOL) else {
            if let other = Self.otherEntryVersion(in: library) {
                throw PluginFailure.abiVersion(path, found: other, expected: UInt32(FINETUNE_PLUGIN_ABI_VERSION))
            }
            throw PluginFailure.missingEntrySymbol(path, expected: FINETUNE_PLUGIN_ENTRY_SYMBOL)
        }
        let table = try PluginTable(entry: unsafeBitCast(entry, to: PluginTable.Entry.self), path: path)
        let manifest = try Self.manifest(of: table, path: path)
        return LoadedPlugin(path: path, manifest: manifest, library: library, table: table, log: log)
    }

    /// Loads every plugin the search path names; the first failure stops the loading.
    public func load(_ searchPath: PluginSearchPath) throws -> [LoadedPlugin] {
        try searchPath.libraryFiles().map(load(path:))
    }

    /// Loads every plugin of `searchPath` and registers its provider into `registry`, made on
    /// first use with `environment` over `transport`. A provider id already registered (built-in
    /// or an earlier plugin) is an error naming the file.
    @discardableResult
    public func register(
        _ searchPath: PluginSearchPath, into registry: ProviderRegistry, environment: [String: String], transport: any HTTPTransport
    ) throws -> [LoadedPlugin] {
        let plugins = try load(searchPath)
        for plugin in plugins {
            do {
                try registry.register(plugin.registration(environment: environment, transport: transport))
            } catch let clash as FineTuningError {
                throw PluginFailure.idClash(plugin.path, clash)
            }
        }
        return plugins
    }

    /// The version N of a `finetune_plugin_vN` the library exports instead of this host's.
    private static func otherEntryVersion(in library: DynamicLibrary) -> UInt32? {
        (0...9).map(UInt32.init).first { $0 != FINETUNE_PLUGIN_ABI_VERSION && library.symbol("finetune_plugin_v\($0)") != nil }
    }

    /// The plugin's manifest, decoded and checked against its table.
    private static func manifest(of table: PluginTable, path: String) throws -> PluginManifest {
        guard let text = table.take(table.functions.manifest!()) else {
            throw PluginFailure.invalidManifest(path, "manifest() returned NULL")
        }
        let manifest: PluginManifest
        do {
            manifest = try WireFormat.value(PluginManifest.self, at: PluginManifest.documentKey, in: Data(text.utf8))
        } catch {
            throw PluginFailure.invalidManifest(path, "\(error); \(HTTPErrorMapping.bodyExcerpt(Data(text.utf8)))")
        }
        if let problem = manifest.problems.first { throw PluginFailure.invalidManifest(path, problem) }
        for operation in PluginOperation.allCases {
            if let capability = operation.capability, manifest.provider.capabilities.contains(capability), operation.function(in: table.functions) == nil {
                throw PluginFailure.missingFunction(path, operation.rawValue, reason: "the manifest declares capability \(capability.rawValue)")
            }
        }
        return manifest
    }
}
