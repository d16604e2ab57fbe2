import FineTuning
import FineTuningPlugins
import Foundation
import Testing

/// Within ABI 1 fields are only appended: the host accepts any plugin table of at least the ABI
/// 1.0 size, including a larger one from a later 1.x header, and the host table it hands out
/// passes a plugin's check against the 1.0 host size. Each case is a real compiled plugin.
@Suite struct PluginTableVersioningTests {
    @Test(arguments: [
        ("a table of exactly the ABI 1.0 size", "FINETUNE_PLUGIN_TABLE_V1_0_SIZE"),
        ("a table of this header's size", "sizeof(finetune_plugin_table_v1)"),
        ("a larger table from a later 1.x header", TestPluginSource.laterTableSize),
    ])
    func theTableIsAcceptedAndItsOperationsWork(_ name: String, _ structSize: String) async throws {
        var source = TestPluginSource()
        source.structSize = structSize
        let plugin = try PluginLoader().load(path: try source.build(named: "sized", in: try temporaryPluginFolder()))
        let provider = try plugin.makeProvider(transport: RefusingTransport(), environment: [:])
        let job = try await provider.getJob(id: "job-1")
        #expect(job.id.description == "broken:job-1")
    }

    @Test func aPluginThatChecksTheHostTableAgainstABI1_0Accepts() throws {
        // create_instance refuses (plugin_abi) a host table smaller than FINETUNE_HOST_V1_0_SIZE.
        let plugin = try PluginLoader().load(path: try TestPluginSource().build(named: "checks", in: try temporaryPluginFolder()))
        _ = try plugin.makeProvider(transport: RefusingTransport(), environment: [:])
    }
}
