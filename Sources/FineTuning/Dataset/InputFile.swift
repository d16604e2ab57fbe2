import Foundation

/// A local data file opened for sequential reading. Opening fails with a located `invalidData` error for a
/// missing path, a directory or a file that cannot be read, so callers never see a raw `errno`.
final class InputFile {
    let path: String
    /// The size in bytes when the file was opened.
    let size: Int64
    private let descriptor: Int32

    init(path: String) throws {
        self.path = path
        let location = DataLocation(file: path)
        var info = stat()
        guard stat(path, &info) == 0 else {
            let reason = errno == ENOENT ? "no such file" : String(cString: strerror(errno))
            throw FineTuningError(.invalidData, "cannot read data file: \(reason)", location: location)
        }
        if (info.st_mode & S_IFMT) == S_IFDIR {
            throw FineTuningError(.invalidData, "is a directory, expected a data file", location: location)
        }
        let descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else {
            throw FineTuningError(.invalidData, "cannot open data file: \(String(cString: strerror(errno)))", location: location)
        }
        self.descriptor = descriptor
        self.size = Int64(info.st_size)
    }

    deinit { close(descriptor) }

    /// Moves back to the first byte.
    func rewind() throws {
        guard lseek(descriptor, 0, SEEK_SET) == 0 else {
            throw FineTuningError(.invalidData, "cannot rewind: \(String(cString: strerror(errno)))", location: DataLocation(file: path))
        }
    }

    /// Reads up to `count` bytes into `buffer`; returns 0 at the end of the file.
    func read(into buffer: UnsafeMutableRawPointer, count: Int) throws -> Int {
        while true {
            let result = Foundation.read(descriptor, buffer, count)
            if result >= 0 { return result }
            if errno == EINTR { continue }
            throw FineTuningError(
                .invalidData, "read failed: \(String(cString: strerror(errno)))", location: DataLocation(file: path))
        }
    }
}
