#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// One accepted TCP connection: buffered reads of HTTP/1.1 requests and raw writes.
final class SocketConnection {
    let descriptor: Int32
    private var isClosed = false
    private var resets = false
    private var buffer: [UInt8] = []
    private var start = 0
    private var chunk = [UInt8](repeating: 0, count: SocketConnection.readSize)
    private static let readSize = 256 * 1024

    init(descriptor: Int32) {
        self.descriptor = descriptor
        var one: Int32 = 1
        setsockopt(descriptor, Int32(IPPROTO_TCP), TCP_NODELAY, &one, socklen_t(MemoryLayout<Int32>.size))
        #if canImport(Darwin)
        setsockopt(descriptor, SOL_SOCKET, SO_NOSIGPIPE, &one, socklen_t(MemoryLayout<Int32>.size))
        #endif
    }

    /// Reads the next request; nil when the client closed the connection. Bodies beyond
    /// `storageLimit` bytes are counted, not kept.
    func readRequest(storageLimit: Int, connection: Int) -> TestHTTPRequest? {
        guard let head = readHead() else { return nil }
        let lines = head.components(separatedBy: "\r\n")
        let requestLine = lines[0].split(separator: " ", maxSplits: 2).map(String.init)
        guard requestLine.count >= 2 else { return nil }
        let headers: [(name: String, value: String)] = lines.dropFirst().compactMap { line in
            guard let colon = line.firstIndex(of: ":") else { return nil }
            return (String(line[..<colon]), line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces))
        }
        func header(_ name: String) -> String? {
            headers.first { $0.name.caseInsensitiveCompare(name) == .orderedSame }?.value
        }
        var body = Data()
        var count = 0
        let keep: (UnsafeRawBufferPointer) -> Void = { bytes in
            if body.count < storageLimit { body.append(contentsOf: bytes.prefix(storageLimit - body.count)) }
            count += bytes.count
        }
        if header("Transfer-Encoding")?.lowercased().contains("chunked") == true {
            while let sizeLine = readLine(), let size = Int(sizeLine.split(separator: ";")[0], radix: 16) {
                if size == 0 {
                    while let trailer = readLine(), !trailer.isEmpty {}
                    break
                }
                guard readBytes(size, into: keep), readLine() != nil else { return nil }
            }
        } else if let length = header("Content-Length").flatMap(Int.init), length > 0 {
            guard readBytes(length, into: keep) else { return nil }
        }
        return TestHTTPRequest(
            method: requestLine[0], target: requestLine[1], headers: headers, body: body, bodyByteCount: count,
            connection: connection)
    }

    /// Sends all of `bytes`; false if the peer has gone.
    @discardableResult
    func write(_ bytes: [UInt8]) -> Bool {
        var sent = 0
        while sent < bytes.count {
            let result = bytes[sent...].withUnsafeBytes { raw in
                send(descriptor, raw.baseAddress, raw.count, Self.sendFlags)
            }
            if result <= 0 { return false }
            sent += result
        }
        return true
    }

    /// Closes with a TCP reset instead of an orderly shutdown.
    /// Makes the coming `shutdownAndClose()` reset the connection (RST) instead of closing it cleanly.
    /// The close itself is left to the server loop, which first forgets the descriptor: closing it here
    /// would let the system hand the number to another socket that `TestHTTPServer.stop()` still knew.
    func resetOnClose() {
        var option = linger(l_onoff: 1, l_linger: 0)
        setsockopt(descriptor, SOL_SOCKET, SO_LINGER, &option, socklen_t(MemoryLayout<linger>.size))
        resets = true
    }

    /// Closes the connection once: cleanly, or with a reset after `resetOnClose()`.
    func shutdownAndClose() {
        guard !isClosed else { return }
        isClosed = true
        if !resets { shutdown(descriptor, Int32(SHUT_RDWR)) }
        close(descriptor)
    }

    #if canImport(Glibc)
    private static let sendFlags = Int32(MSG_NOSIGNAL)
    #else
    private static let sendFlags: Int32 = 0
    #endif

    // MARK: - Buffered reading

    private var available: Int { buffer.count - start }

    /// Reads more bytes into the buffer; false at end of stream or on error.
    private func fill() -> Bool {
        if start > 0 && start == buffer.count {
            buffer.removeAll(keepingCapacity: true)
            start = 0
        }
        let count = chunk.withUnsafeMutableBytes { recv(descriptor, $0.baseAddress, Self.readSize, 0) }
        guard count > 0 else { return false }
        buffer.append(contentsOf: chunk[0..<count])
        return true
    }

    private func readHead() -> String? {
        let terminator: [UInt8] = [13, 10, 13, 10]
        var scanned = 0  // bytes after `start` already searched (fill() may move `start`)
        while true {
            if let end = Self.find(terminator, in: buffer, from: start + max(0, scanned - 3)) {
                let head = String(decoding: buffer[start..<end], as: UTF8.self)
                start = end + 4
                return head
            }
            scanned = available
            guard fill() else { return nil }
        }
    }

    private func readLine() -> String? {
        while true {
            if let end = Self.find([13, 10], in: buffer, from: start) {
                let line = String(decoding: buffer[start..<end], as: UTF8.self)
                start = end + 2
                return line
            }
            guard fill() else { return nil }
        }
    }

    private func readBytes(_ count: Int, into consume: (UnsafeRawBufferPointer) -> Void) -> Bool {
        var remaining = count
        while remaining > 0 {
            if available == 0 {
                // Large bodies go straight from the socket to `consume` without growing the buffer.
                buffer.removeAll(keepingCapacity: true)
                start = 0
                guard fill() else { return false }
            }
            let take = min(remaining, available)
            buffer[start..<start + take].withUnsafeBytes(consume)
            start += take
            remaining -= take
        }
        return true
    }

    private static func find(_ pattern: [UInt8], in bytes: [UInt8], from: Int) -> Int? {
        guard bytes.count >= pattern.count, from <= bytes.count - pattern.count else { return nil }
        for index in from...(bytes.count - pattern.count) where bytes[index] == pattern[0] {
            if bytes[index..<index + pattern.count].elementsEqual(pattern) { return index }
        }
        return nil
    }
}
