public import FineTuning
import FineTuningPluginABI

/// The errors of loading and calling a plugin: each a `plugin_abi` (exit 9; an id clash is a
/// `configuration` error) `FineTuningError` whose message starts with the plugin file's path.
public enum PluginFailure {
    /// The path names no file.
    public static func missingFile(_ path: String) -> FineTuningError {
        failure(.pluginABI, path, "no such plugin file")
    }

    /// A plugin folder exists but cannot be listed.
    public static func unreadableFolder(_ path: String, _ reason: String) -> FineTuningError {
        failure(.pluginABI, path, "the plugin folder cannot be read: \(reason)")
    }

    /// `error` as a `FineTuningError` naming the plugin file `path`.
    public static func describing(_ error: any Error, path: String) -> FineTuningError {
        (error as? FineTuningError) ?? failure(.pluginABI, path, String(describing: error))
    }

    /// The file or its folder can be changed by other users, so loading it would run their code.
    public static func insecurePermissions(_ path: String, _ reason: String, remedy: String) -> FineTuningError {
        failure(.pluginABI, path, "refused: \(reason); \(remedy)")
    }

    /// `dlopen` refused the file.
    public static func notASharedLibrary(_ path: String, _ loaderMessage: String) -> FineTuningError {
        failure(.pluginABI, path, "not a loadable shared library: \(loaderMessage)")
    }

    /// The library exports no entry symbol of any plugin ABI.
    public static func missingEntrySymbol(_ path: String, expected: String) -> FineTuningError {
        failure(.pluginABI, path, "exports no \(expected) symbol: it is not a finetune plugin, or it was built against another plugin ABI")
    }

    /// The entry symbol returned no table.
    public static func nullTable(_ path: String, entry: String) -> FineTuningError {
        failure(.pluginABI, path, "\(entry) returned NULL instead of its plugin table")
    }

    /// The plugin was built for another ABI version.
    public static func abiVersion(_ path: String, found: UInt32, expected: UInt32) -> FineTuningError {
        let age = found > expected ? "newer" : "older"
        let remedy = found > expected ? "upgrade finetune or use a plugin built for ABI \(expected)" : "rebuild the plugin against finetune_plugin.h ABI \(expected)"
        return failure(.pluginABI, path, "built for plugin ABI \(found), \(age) than this host's ABI \(expected): \(remedy)")
    }

    /// The table is smaller than the ABI 1.0 table, the first version of its major ABI.
    public static func truncatedTable(_ path: String, size: UInt32, expected: Int) -> FineTuningError {
        failure(.pluginABI, path, "truncated plugin table: struct_size is \(size) bytes, smaller than the \(expected) bytes of the ABI 1.0 table")
    }

    /// A function pointer the ABI requires (or a declared capability requires) is NULL.
    public static func missingFunction(_ path: String, _ name: String, reason: String = "required by plugin ABI 1") -> FineTuningError {
        failure(.pluginABI, path, "the plugin table has no \(name) function (\(reason))")
    }

    /// The manifest cannot be read or breaks a rule.
    public static func invalidManifest(_ path: String, _ reason: String) -> FineTuningError {
        failure(.pluginABI, path, "invalid manifest: \(reason)")
    }

    /// The provider id is already registered (by a built-in provider or another plugin).
    public static func idClash(_ path: String, _ clash: FineTuningError) -> FineTuningError {
        FineTuningError(.configuration, "plugin \(path): \(clash.message)", provider: clash.provider)
    }

    /// An operation answered with text that is not the documented JSON.
    public static func malformedResponse(_ path: String, operation: String, _ reason: String) -> FineTuningError {
        failure(.pluginABI, path, "\(operation) answered with malformed JSON: \(reason)")
    }

    /// A document holds keys its schema does not define (misspelt or invented fields).
    static func unknownKeys(_ path: String, document: PluginDocument, source: String, _ keys: [String]) -> FineTuningError {
        let list = keys.map { "'\($0)'" }.joined(separator: ", ")
        return failure(
            .pluginABI, path,
            "the \(document.rawValue) document from \(source) has unknown key\(keys.count == 1 ? "" : "s") \(list) (not in \(document.schemaFile))")
    }

    /// The child process that ran an isolated plugin's operation failed.
    public static func childFailure(_ path: String, operation: String, _ reason: String) -> FineTuningError {
        failure(.pluginABI, path, "\(operation) \(reason)")
    }

    private static func failure(_ code: FineTuningError.Code, _ path: String, _ message: String) -> FineTuningError {
        FineTuningError(code, "plugin \(path): \(message)")
    }
}
