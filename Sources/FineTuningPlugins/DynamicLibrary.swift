import FineTuningPluginABI
import Foundation

/// A shared library opened with `dlopen(RTLD_NOW | RTLD_LOCAL)`: its symbols stay out of the
/// process's global namespace, so two plugins may export the same names. It is never closed:
/// unloading code that may still have threads or Swift metadata alive is not safe.
final class DynamicLibrary: @unchecked Sendable {
    // @unchecked: the handle is immutable and dlsym is thread-safe.
    let path: String
    private let handle: UnsafeMutableRawPointer

    /// Opens `path`; the error carries `dlerror()`'s explanation, or why the file is incomplete.
    init(path: String) throws {
        if let problem = ELFFileCheck.problem(at: path) { throw PluginFailure.notASharedLibrary(path, problem) }
        guard let handle = dlopen(path, RTLD_NOW | RTLD_LOCAL) else {
            let reason = dlerror().map { String(cString: $0) } ?? "dlopen failed"
            throw PluginFailure.notASharedLibrary(path, reason)
        }
        self.path = path
        self.handle = handle
    }

    /// The address of `name` in this library, or nil.
    func symbol(_ name: String) -> UnsafeMutableRawPointer? {
        dlsym(handle, name)
    }
}
