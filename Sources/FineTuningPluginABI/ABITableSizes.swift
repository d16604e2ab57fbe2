import CFineTuningPlugin

/// The sizes of the ABI 1.0 tables, the smallest `struct_size` either side accepts: every field
/// up to and including `free_string`. Fields appended in later 1.x headers come after it.
package enum ABITableSizes {
    /// `FINETUNE_PLUGIN_TABLE_V1_0_SIZE`.
    package static let pluginTable = MemoryLayout<finetune_plugin_table_v1>.offset(of: \finetune_plugin_table_v1.free_string)!
        + MemoryLayout<UnsafeRawPointer>.size
    /// `FINETUNE_HOST_V1_0_SIZE`.
    package static let hostTable = MemoryLayout<finetune_host_v1>.offset(of: \finetune_host_v1.free_string)!
        + MemoryLayout<UnsafeRawPointer>.size
}
