import FineTuning
import FineTuningPluginKit

/// The plugin's one export line: the ABI-1 entry symbol, made by the plugin kit.
@_cdecl("finetune_plugin_v1")
public func finetunePluginV1() -> UnsafeRawPointer {
    exportPlugin(version: "1.0.0", modelPrefixes: MistralProvider.modelPrefixes, descriptor: MistralProvider.descriptor) {
        try MistralProvider(environment: $0.environment, transport: $0.transport)
    }
}
