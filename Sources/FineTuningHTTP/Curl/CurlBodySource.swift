#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import FineTuning
import Foundation

/// A request body fed to curl's read callback chunk by chunk, from memory or streamed from a file
/// (never read whole). It can rewind, which curl needs when it re-sends on a fresh connection
/// after a kept-alive one turned out to be closed.
final class CurlBodySource {
    private enum Storage {
        case memory(Data)
        case file(descriptor: Int32)
    }

    private let storage: Storage
    let length: Int64
    private var offset: Int64 = 0
    /// Set when a read from the file failed; the transfer then reports an unreadable body.
    private(set) var readFailure: String?

    init(data: Data) {
        storage = .memory(data)
        length = Int64(data.count)
    }

    /// Opens `path` for streaming; throws a transport error naming the file if it cannot be read.
    init(path: String) throws {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        var status = stat()
        guard descriptor >= 0, fstat(descriptor, &status) == 0 else {
            let reason = String(cString: strerror(errno))
            if descriptor >= 0 { close(descriptor) }
            throw TransportFailure.unreadableBody.error("cannot read request body file \(path): \(reason)")
        }
        storage = .file(descriptor: descriptor)
        length = Int64(status.st_size)
    }

    deinit {
        if case .file(let descriptor) = storage { close(descriptor) }
    }

    /// Copies up to `buffer.count` bytes into `buffer`; returns the count, 0 at the end, or nil
    /// when the file could not be read.
    func read(into buffer: UnsafeMutableRawBufferPointer) -> Int? {
        switch storage {
        case .memory(let data):
            let count = min(buffer.count, data.count - Int(offset))
            let start = data.startIndex + Int(offset)
            data.copyBytes(to: buffer.bindMemory(to: UInt8.self), from: start..<start + count)
            offset += Int64(count)
            return count
        case .file(let descriptor):
            let count = pread(descriptor, buffer.baseAddress, buffer.count, off_t(offset))
            guard count >= 0 else {
                readFailure = String(cString: strerror(errno))
                return nil
            }
            offset += Int64(count)
            return count
        }
    }

    /// Moves to `position` bytes from the start; false if out of range.
    func seek(to position: Int64) -> Bool {
        guard (0...length).contains(position) else { return false }
        offset = position
        return true
    }
}
