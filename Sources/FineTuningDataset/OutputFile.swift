import FineTuningBase
import Foundation

/// A file written sequentially through a buffer, created or truncated on open. Errors name the path.
final class OutputFile {
    let path: String
    private let descriptor: Int32
    private var buffer: [UInt8] = []
    private let flushThreshold = 1 << 20

    init(path: String) throws {
        self.path = path
        var info = stat()
        if stat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFDIR {
            throw FineTuningError(.invalidRequest, "output is a directory, expected a file path", location: DataLocation(file: path))
        }
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard descriptor >= 0 else {
            throw FineTuningError(.invalidRequest, "cannot create output file: \(String(cString: strerror(errno)))", location: DataLocation(file: path))
        }
        self.descriptor = descriptor
        buffer.reserveCapacity(flushThreshold + 4096)
    }

    deinit {
        try? flush()
        close(descriptor)
    }

    func write(_ text: String) throws {
        buffer.append(contentsOf: text.utf8)
        if buffer.count >= flushThreshold { try flush() }
    }

    func flush() throws {
        var offset = 0
        while offset < buffer.count {
            let written = buffer.withUnsafeBytes { Foundation.write(descriptor, $0.baseAddress! + offset, $0.count - offset) }
            if written < 0 {
                if errno == EINTR { continue }
                throw FineTuningError(.invalidRequest, "write failed: \(String(cString: strerror(errno)))", location: DataLocation(file: path))
            }
            offset += written
        }
        buffer.removeAll(keepingCapacity: true)
    }
}
