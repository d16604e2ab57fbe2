import CFineTuningPlugin
import FineTuning

/// One plugin instance: the Swift provider the host's `create_instance` made, and the host's
/// services table. Its address is the `void *instance` the host passes back to every operation.
final class KitInstance: @unchecked Sendable {
    // @unchecked: immutable; the host table stays valid until destroy_instance, by the ABI.
    let provider: any FineTuningProvider
    let host: UnsafePointer<finetune_host_v1>

    init(provider: any FineTuningProvider, host: UnsafePointer<finetune_host_v1>) {
        self.provider = provider
        self.host = host
    }

    var opaque: UnsafeMutableRawPointer { Unmanaged.passRetained(self).toOpaque() }

    static func from(_ pointer: UnsafeMutableRawPointer?) -> KitInstance? {
        pointer.map { Unmanaged<KitInstance>.fromOpaque($0).takeUnretainedValue() }
    }

    static func release(_ pointer: UnsafeMutableRawPointer?) {
        pointer.map { Unmanaged<KitInstance>.fromOpaque($0).release() }
    }
}
