import CFineTuningPlugin

/// The host's `finetune_call *` token of the operation the current task serves. The kit sets it
/// around each operation so the provider's HTTP calls reach the host on the right call.
struct HostCall: @unchecked Sendable {
    // @unchecked: an opaque token the ABI lets any thread pass to host services during the call.
    let token: OpaquePointer
    let host: UnsafePointer<finetune_host_v1>

    @TaskLocal static var current: HostCall?
}
