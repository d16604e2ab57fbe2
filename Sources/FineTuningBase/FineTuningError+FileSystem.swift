import Foundation

extension FineTuningError {
    /// A file-system failure as a `FineTuningError` that names the path and what was being done, with the
    /// code that gives the right exit status: permission problems (`EACCES`, `EPERM`, a read-only file
    /// system) are `permission_denied`, a missing file `not_found`, a directory where a file was expected
    /// `invalid_request`, anything else (a file where a directory was expected, a full disk, ...)
    /// `configuration`. A
    /// `FineTuningError` is returned unchanged.
    public static func fileSystem(_ error: any Error, path: String, action: String, parameter: String? = nil) -> FineTuningError {
        if let error = error as? FineTuningError { return error }
        return fileSystem(errno: posixCode(of: error), path: path, action: action, parameter: parameter)
    }

    /// The same for a failed system call's `errno` (nil when unknown).
    public static func fileSystem(errno code: Int32?, path: String, action: String, parameter: String? = nil) -> FineTuningError {
        let reason = code.map { String(cString: strerror($0)) } ?? "unknown error"
        let category: Code =
            switch code {
            case EACCES, EPERM, EROFS: .permissionDenied
            case ENOENT: .notFound
            case EISDIR: .invalidRequest
            default: .configuration
            }
        return FineTuningError(category, "cannot \(action) \(path): \(reason)", parameter: parameter)
    }

    /// The POSIX error code behind a Foundation or POSIX error, when there is one.
    private static func posixCode(of error: any Error) -> Int32? {
        if let posix = error as? POSIXError { return posix.code.rawValue }
        let nsError = error as NSError
        if nsError.domain == NSPOSIXErrorDomain { return Int32(nsError.code) }
        if let underlying = nsError.userInfo[NSUnderlyingErrorKey] as? NSError, underlying.domain == NSPOSIXErrorDomain {
            return Int32(underlying.code)
        }
        guard nsError.domain == NSCocoaErrorDomain else { return nil }
        switch CocoaError.Code(rawValue: nsError.code) {
        case .fileReadNoPermission, .fileWriteNoPermission: return EACCES
        case .fileReadNoSuchFile, .fileNoSuchFile: return ENOENT
        case .fileWriteVolumeReadOnly: return EROFS
        case .fileWriteOutOfSpace: return ENOSPC
        default: return nil
        }
    }
}
