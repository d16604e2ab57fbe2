#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import FineTuningTestSupport
import Foundation
import Synchronization
import Testing

/// `TestHTTPServer.stop()` must never shut down or close a descriptor it no longer owns: once a
/// connection's thread has closed its socket, the system hands the number to the next socket of the
/// process (in one `swift test` process, the gateway's), and touching it there loses that socket's
/// request ("Empty reply from server").
@Suite struct TestHTTPServerStopTests {
    @Test func stopLeavesOtherSocketsOfTheProcessAlone() throws {
        let bystanders = BystanderSockets()
        bystanders.start()
        for _ in 0..<150 {
            let server = try TestHTTPServer(recordsRequests: false) { _ in .text("ok") }
            let clients = try (0..<8).map { _ in try Self.connectedClient(port: server.port) }
            // Clients hang up while the server stops: its connection threads close their sockets
            // during stop(), and the bystanders take the freed numbers at once.
            for client in clients { close(client) }
            server.stop()
        }
        let damage = bystanders.finish()
        #expect(bystanders.checked > 1000, "too few bystander sockets to show anything: \(bystanders.checked)")
        #expect(damage.isEmpty, "stop() shut down sockets it did not own: \(damage.prefix(5))")
    }

    /// A TCP connection to the server that has had one request answered (so the server holds it open).
    private static func connectedClient(port: Int) throws -> Int32 {
        #if canImport(Glibc)
        let client = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        #else
        let client = socket(AF_INET, SOCK_STREAM, 0)
        #endif
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = UInt16(port).bigEndian
        let connected = withUnsafePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(client, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0 }
        }
        guard connected else { throw POSIXError(.ECONNREFUSED) }
        let request = Array("GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".utf8)
        _ = request.withUnsafeBytes { send(client, $0.baseAddress, $0.count, 0) }
        var reply = [UInt8](repeating: 0, count: 4096)
        _ = reply.withUnsafeMutableBytes { recv(client, $0.baseAddress, $0.count, 0) }
        return client
    }
}

/// A thread that keeps opening pairs of connected local sockets, holds a few at a time, and checks
/// that each still carries a byte both ways before closing it; a pair someone else shut down is damage.
private final class BystanderSockets: Sendable {
    private struct State {
        var isFinished = false
        var checked = 0
        var damage: [String] = []
    }

    private let state = Mutex(State())
    private let done = DispatchSemaphore(value: 0)

    var checked: Int { state.withLock { $0.checked } }

    func start() {
        let thread = Thread { [self] in run() }
        thread.start()
    }

    /// Stops the thread and returns what it found damaged.
    func finish() -> [String] {
        state.withLock { $0.isFinished = true }
        done.wait()
        return state.withLock { $0.damage }
    }

    private func run() {
        var held: [(Int32, Int32)] = []
        while !state.withLock({ $0.isFinished }) {
            var pair: [Int32] = [0, 0]
            #if canImport(Glibc)
            let made = socketpair(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0, &pair) == 0
            #else
            let made = socketpair(AF_UNIX, SOCK_STREAM, 0, &pair) == 0
            #endif
            guard made else { continue }
            held.append((pair[0], pair[1]))
            if held.count > 16 { check(held.removeFirst()) }
        }
        held.forEach(check)
        done.signal()
    }

    private func check(_ pair: (Int32, Int32)) {
        let intact = Self.carriesAByte(from: pair.0, to: pair.1) && Self.carriesAByte(from: pair.1, to: pair.0)
        close(pair.0)
        close(pair.1)
        state.withLock { state in
            state.checked += 1
            if !intact { state.damage.append("descriptors \(pair.0)/\(pair.1)") }
        }
    }

    private static func carriesAByte(from sender: Int32, to receiver: Int32) -> Bool {
        var byte: UInt8 = 42
        #if canImport(Glibc)
        let flags = Int32(MSG_NOSIGNAL | MSG_DONTWAIT)
        #else
        let flags = MSG_DONTWAIT
        #endif
        guard send(sender, &byte, 1, flags) == 1 else { return false }
        return recv(receiver, &byte, 1, Int32(MSG_DONTWAIT)) == 1
    }
}
