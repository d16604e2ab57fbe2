import FineTuningBase
import Foundation

/// A local data file opened for sequential reading, optionally limited to a byte range (so a large file can
/// be split between workers). Opening fails with a located `invalidData` error for a missing path, a
/// directory or a file that cannot be read, so callers never see a raw `errno`.
final class InputFile {
    let path: String
    /// The size in bytes of the whole file when it was opened.
    let size: Int64
    /// The bytes this reader covers.
    let range: Range<Int64>
    private let descriptor: Int32
    private var offset: Int64

    init(path: String, range: Range<Int64>? = nil) throws {
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
        self.range = range ?? 0..<Int64.max
        self.offset = self.range.lowerBound
    }

    deinit { close(descriptor) }

    /// Whether `other` names this same file (through another spelling, a link, ...).
    func isSameFile(as other: String) -> Bool {
        var mine = stat()
        var theirs = stat()
        guard fstat(descriptor, &mine) == 0, stat(other, &theirs) == 0 else { return false }
        return mine.st_dev == theirs.st_dev && mine.st_ino == theirs.st_ino
    }

    /// Whether reading starts at the first byte of the file (where a byte order mark may be).
    var startsAtBeginning: Bool { range.lowerBound == 0 }

    /// Moves back to the first byte of the range.
    func rewind() { offset = range.lowerBound }

    /// Reads up to `count` bytes into `buffer`; returns 0 at the end of the file or range.
    func read(into buffer: UnsafeMutableRawPointer, count: Int) throws -> Int {
        let wanted = Int(min(Int64(count), range.upperBound - offset))
        guard wanted > 0 else { return 0 }
        while true {
            let result = pread(descriptor, buffer, wanted, off_t(offset))
            if result >= 0 {
                offset += Int64(result)
                return result
            }
            if errno == EINTR { continue }
            throw FineTuningError(
                .invalidData, "read failed: \(String(cString: strerror(errno)))", location: DataLocation(file: path))
        }
    }

    /// The offset just past the first newline at or after `position`, or nil when there is none.
    func offsetAfterNewline(from position: Int64) throws -> Int64? {
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        var position = position
        while true {
            let count = buffer.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress!, $0.count, off_t(position)) }
            if count < 0 {
                if errno == EINTR { continue }
                throw FineTuningError(.invalidData, "read failed: \(String(cString: strerror(errno)))", location: DataLocation(file: path))
            }
            if count == 0 { return nil }
            if let index = buffer.prefix(count).firstIndex(of: 0x0A) { return position + Int64(index) + 1 }
            position += Int64(count)
        }
    }
}
