#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
public import Foundation

/// Writes `text` as an executable file (mode 755) at `url`, replacing any file there. The file is
/// written through a descriptor that closes on exec, then renamed into place: a child that another
/// test spawns meanwhile must not inherit a descriptor writing to it, or executing the script fails
/// with ETXTBSY ("text file busy") for as long as that child lives.
public func writeExecutableScript(_ text: String, to url: URL) throws {
    let staging = url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).\(UUID().uuidString)")
    let descriptor = open(staging.path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o755)
    guard descriptor >= 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
    let bytes = Array(text.utf8)
    let written = bytes.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
    let closed = close(descriptor)
    guard written == bytes.count, closed == 0, fchmodat(AT_FDCWD, staging.path, 0o755, 0) == 0,
        rename(staging.path, url.path) == 0
    else {
        let code = POSIXErrorCode(rawValue: errno) ?? .EIO
        unlink(staging.path)
        throw POSIXError(code)
    }
}
