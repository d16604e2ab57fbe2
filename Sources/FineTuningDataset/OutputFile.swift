import FineTuningBase
import Foundation

/// A file written sequentially through a buffer into a temporary file beside its target, which
/// `commit()` renames over the target. Until then the target is untouched: a command that fails, or is
/// dropped without committing, leaves no half-written output (the temporary file is removed). Errors
/// name the path.
final class OutputFile {
    let path: String
    private let temporaryPath: String
    private var descriptor: Int32
    private var buffer: [UInt8] = []
    private let flushThreshold = 1 << 20

    init(path: String) throws {
        self.path = path
        let location = DataLocation(file: path)
        var info = stat()
        if stat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFDIR {
            throw FineTuningError(.invalidRequest, "output is a directory, expected a file path", parameter: "output", location: location)
        }
        let directory = (path as NSString).deletingLastPathComponent
        let name = (path as NSString).lastPathComponent
        var template = Array(((directory.isEmpty ? "." : directory) + "/.\(name).partial-XXXXXX").utf8CString)
        let descriptor = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard descriptor >= 0 else {
            throw FineTuningError(
                .invalidRequest, "cannot create output file: \(String(cString: strerror(errno)))", parameter: "output", location: location)
        }
        fchmod(descriptor, 0o644)
        self.descriptor = descriptor
        self.temporaryPath = template.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
        buffer.reserveCapacity(flushThreshold + 4096)
    }

    deinit { discard() }

    func write(_ text: String) throws {
        buffer.append(contentsOf: text.utf8)
        if buffer.count >= flushThreshold { try flush() }
    }

    /// Writes what is buffered to the temporary file.
    func flush() throws {
        var offset = 0
        while offset < buffer.count {
            let written = buffer.withUnsafeBytes { Foundation.write(descriptor, $0.baseAddress! + offset, $0.count - offset) }
            if written < 0 {
                if errno == EINTR { continue }
                throw FineTuningError(.invalidRequest, "write failed: \(String(cString: strerror(errno)))", parameter: "output", location: DataLocation(file: path))
            }
            offset += written
        }
        buffer.removeAll(keepingCapacity: true)
    }

    /// Flushes, closes and renames the temporary file over the target.
    func commit() throws {
        try flush()
        let closed = close(descriptor)
        descriptor = -1
        guard closed == 0, rename(temporaryPath, path) == 0 else {
            let reason = String(cString: strerror(errno))
            unlink(temporaryPath)
            throw FineTuningError(.invalidRequest, "cannot write output file: \(reason)", parameter: "output", location: DataLocation(file: path))
        }
    }

    /// Closes and removes the temporary file, leaving the target as it was (nothing once committed).
    func discard() {
        guard descriptor >= 0 else { return }
        close(descriptor)
        descriptor = -1
        unlink(temporaryPath)
    }

    /// Whether two output paths name the same file (the same spelling once resolved, or the same inode).
    static func sameTarget(_ first: String, _ second: String) -> Bool {
        let resolved = { (path: String) in URL(fileURLWithPath: path).standardizedFileURL.resolvingSymlinksInPath().path }
        if resolved(first) == resolved(second) { return true }
        var one = stat()
        var two = stat()
        guard stat(first, &one) == 0, stat(second, &two) == 0 else { return false }
        return one.st_dev == two.st_dev && one.st_ino == two.st_ino
    }
}
