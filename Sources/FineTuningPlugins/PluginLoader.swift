import CFineTuningPlugin
public import FineTuning
public import FineTuningHTTP
import FineTuningPluginABI
import Foundation
public import Logging

/// Loads plugins and registers their providers. Loading a file checks, in order: that the file
/// and its folder are writable only by their owner, that it is a shared library, that it exports
/// `finetune_plugin_v1`, the table's ABI version and size and required functions, and the
/// manifest. Every failure is a `FineTuningError` whose message names the file.
public struct PluginLoader: Sendable {
    /// Where plugins' log lines (with their provider id as `plugin` metadata) and the loader's warnings go.
    public var logger: Logger
    /// What a key outside a document's schema does: a warning in normal use, a failure in conformance runs.
    public var unknownKeys: UnknownKeyPolicy

    public init(logger: Logger = Logger(label: "finetune.plugins"), unknownKeys: UnknownKeyPolicy = .warn) {
        self.logger = logger
        self.unknownKeys = unknownKeys
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
        let manifest = try manifest(of: table, path: path)
        return LoadedPlugin(path: path, manifest: manifest, library: library, table: table, logger: logger, unknownKeys: unknownKeys)
    }

    /// Loads every plugin the search path names. A plugin named explicitly that fails stops the
    /// loading with its error; one found implicitly is skipped with one warning line.
    public func load(_ searchPath: PluginSearchPath) throws -> [LoadedPlugin] {
        try loadCandidates(searchPath).map(\.plugin)
    }

    /// Loads every plugin of `searchPath` and registers its provider into `registry`, made on
    /// first use with `environment` over `transport`. A provider id already registered (built-in
    /// or an earlier plugin) is an error naming the file for a plugin named explicitly, and a
    /// warning (the plugin is skipped) for one found implicitly. `operationTimeout` overrides
    /// every plugin's own operation timeout.
    @discardableResult
    public func register(
        _ searchPath: PluginSearchPath, into registry: ProviderRegistry, environment: [String: String], transport: any HTTPTransport,
        operationTimeout: Duration? = nil
    ) throws -> [LoadedPlugin] {
        var registered: [LoadedPlugin] = []
        for (plugin, isExplicit) in try loadCandidates(searchPath) {
            do {
                try registry.register(plugin.registration(environment: environment, transport: transport, operationTimeout: operationTimeout))
                registered.append(plugin)
            } catch let clash as FineTuningError {
                let failure = PluginFailure.idClash(plugin.path, clash)
                guard !isExplicit else { throw failure }
                warnSkipped(failure)
            }
        }
        return registered
    }

    /// The plugins that loaded, each with whether it was named explicitly.
    private func loadCandidates(_ searchPath: PluginSearchPath) throws -> [(plugin: LoadedPlugin, isExplicit: Bool)] {
        let (candidates, skipped) = try searchPath.candidates()
        skipped.forEach(warnSkipped)
        return try candidates.compactMap { candidate in
            do {
                return (try load(path: candidate.path), candidate.isExplicit)
            } catch {
                guard !candidate.isExplicit else { throw error }
                warnSkipped(PluginFailure.describing(error, path: candidate.path))
                return nil
            }
        }
    }

    /// The one warning line of a plugin found implicitly that is skipped.
    func warnSkipped(_ failure: FineTuningError) {
        logger.warning("skipped \(Redaction.standard.text(failure.message))")
    }

    /// The version N of a `finetune_plugin_vN` the library exports instead of this host's.
    private static func otherEntryVersion(in library: DynamicLibrary) -> UInt32? {
        (0...9).map(UInt32.init).first { $0 != FINETUNE_PLUGIN_ABI_VERSION && library.symbol("finetune_plugin_v\($0)") != nil }
    }

    /// The plugin's manifest, decoded and checked against its table.
    private func manifest(of table: PluginTable, path: String) throws -> PluginManifest {
        guard let text = table.take(table.functions.manifest!()) else {
            throw PluginFailure.invalidManifest(path, "manifest() returned NULL")
        }
        try unknownKeys.check(Data(text.utf8), as: .manifest, from: "manifest()", plugin: path, logger: logger)
        let (upgraded, deprecatedRules) = DeprecatedManifestEncodings.upgrading(Data(text.utf8))
        if !deprecatedRules.isEmpty {
            logger.warning(
                "plugin \(path): the hyperparameter rule \(deprecatedRules.joined(separator: ", ")) uses the deprecated encoding \"\(DeprecatedManifestEncodings.vertexAdapterSize)\" (plugin ABI 1.0); it is read as the enumeration of Vertex's ADAPTER_SIZE_* names")
        }
        let manifest: PluginManifest
        do {
            manifest = try WireFormat.value(PluginManifest.self, at: PluginManifest.documentKey, in: upgraded)
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
