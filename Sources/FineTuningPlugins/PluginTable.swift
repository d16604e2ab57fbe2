import CFineTuningPlugin
import FineTuning
import FineTuningPluginABI

/// A plugin's `finetune_plugin_table_v1`, checked: ABI version, struct size and every function
/// the ABI requires. The table is copied, so a plugin cannot change it after loading.
struct PluginTable: @unchecked Sendable {
    // @unchecked: an immutable copy of C function pointers, which the ABI lets any thread call.
    let functions: finetune_plugin_table_v1

    /// The signature of the entry symbol.
    typealias Entry = @convention(c) () -> UnsafeRawPointer?

    /// Calls `entry` and checks the table it returns.
    init(entry: Entry, path: String) throws {
        guard let raw = entry() else {
            throw PluginFailure.nullTable(path, entry: FINETUNE_PLUGIN_ENTRY_SYMBOL)
        }
        // abi_version and struct_size are read on their own first: a truncated or foreign table
        // must not be read past what the plugin declared.
        let version = raw.load(as: UInt32.self)
        let size = raw.load(fromByteOffset: MemoryLayout<UInt32>.size, as: UInt32.self)
        let expectedVersion = UInt32(FINETUNE_PLUGIN_ABI_VERSION)
        guard version == expectedVersion else {
            throw PluginFailure.abiVersion(path, found: version, expected: expectedVersion)
        }
        guard Int(size) >= Self.minimumSize else {
            throw PluginFailure.truncatedTable(path, size: size, expected: Self.minimumSize)
        }
        functions = Self.copy(raw, declaredSize: Int(size))
        let required: [(String, Bool)] = [
            ("manifest", functions.manifest != nil), ("create_instance", functions.create_instance != nil),
            ("destroy_instance", functions.destroy_instance != nil), ("free_string", functions.free_string != nil),
        ] + PluginOperation.allCases.filter { $0.capability == nil }.map { ($0.rawValue, $0.function(in: functions) != nil) }
        if let missing = required.first(where: { !$0.1 }) {
            throw PluginFailure.missingFunction(path, missing.0)
        }
    }

    /// The size of the ABI 1.0 table, the smallest a plugin may declare: every field up to and
    /// including `free_string`. Fields appended in later 1.x headers come after it.
    static let minimumSize = ABITableSizes.pluginTable

    /// The plugin's table as this host knows it: the first `declaredSize` bytes (at most the
    /// host's struct), the fields past the plugin's `struct_size` left zero, that is absent. A
    /// plugin built against a later 1.x header declares a larger size; its extra fields are unread.
    private static func copy(_ raw: UnsafeRawPointer, declaredSize: Int) -> finetune_plugin_table_v1 {
        let known = MemoryLayout<finetune_plugin_table_v1>.size
        let buffer = UnsafeMutableRawPointer.allocate(byteCount: known, alignment: MemoryLayout<finetune_plugin_table_v1>.alignment)
        defer { buffer.deallocate() }
        buffer.initializeMemory(as: UInt8.self, repeating: 0, count: known)
        buffer.copyMemory(from: raw, byteCount: min(declaredSize, known))
        return buffer.load(as: finetune_plugin_table_v1.self)
    }

    /// The text a plugin returned, copied, and released with the plugin's `free_string`.
    func take(_ text: UnsafeMutablePointer<CChar>?) -> String? {
        guard let text else { return nil }
        defer { functions.free_string?(text) }
        return String(cString: text)
    }
}
