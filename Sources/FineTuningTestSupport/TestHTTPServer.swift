#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
public import Darwin
#endif
public import Foundation
import Synchronization

/// A real HTTP/1.1 server on 127.0.0.1 for tests: POSIX sockets, one thread per connection,
/// keep-alive, Content-Length and chunked bodies, and scripted misbehaviour (delays, truncated
/// bodies, connection resets). Handlers map a request to a response; the server counts accepted
/// connections and received body bytes so tests can check connection reuse and streaming.
public final class TestHTTPServer: Sendable {
    public typealias Handler = @Sendable (TestHTTPRequest) -> TestHTTPResponse

    /// The port the server listens on (chosen by the system).
    public let port: Int
    /// Bodies longer than this are counted but not kept.
    public let bodyStorageLimit: Int
    private let recordsRequests: Bool
    private let handler: Handler
    private let listener: Int32
    private let state = Mutex(State())

    private struct State {
        var acceptedConnections = 0
        var receivedBodyBytes = 0
        var requests: [TestHTTPRequest] = []
        var openConnections: [Int: Int32] = [:]
        var isStopped = false
        var isListening = true
    }

    /// Starts listening at once. `recordsRequests: false` keeps no request log (for benchmarks).
    public init(bodyStorageLimit: Int = 16 << 20, recordsRequests: Bool = true, handler: @escaping Handler) throws {
        self.bodyStorageLimit = bodyStorageLimit
        self.recordsRequests = recordsRequests
        self.handler = handler
        (listener, port) = try LoopbackSocket.open(listening: true)
        let thread = Thread { [self] in acceptLoop() }
        thread.name = "TestHTTPServer.accept"
        thread.start()
    }

    deinit {
        stop()
    }

    /// `http://127.0.0.1:<port>`.
    public var baseURL: URL { URL(string: "http://127.0.0.1:\(port)")! }

    /// The URL of `pathAndQuery` (starting with `/`) on this server.
    public func url(_ pathAndQuery: String) -> URL {
        URL(string: baseURL.absoluteString + pathAndQuery)!
    }

    /// How many TCP connections the server has accepted.
    public var acceptedConnections: Int { state.withLock { $0.acceptedConnections } }
    /// Body bytes received over all requests.
    public var receivedBodyBytes: Int { state.withLock { $0.receivedBodyBytes } }
    /// Every request received, in order (empty when not recording).
    public var requests: [TestHTTPRequest] { state.withLock { $0.requests } }

    /// Stops accepting and ends every open connection. It only shuts sockets down, and while holding
    /// the lock: a connection's descriptor is closed by its own thread after leaving `openConnections`,
    /// and the listener by the accept loop once it has returned, so no descriptor is touched after
    /// its close, when the system may already have given its number to another socket of the process.
    public func stop() {
        state.withLock { state in
            guard !state.isStopped else { return }
            state.isStopped = true
            // Wakes a blocked accept(), which then fails and ends the loop.
            if state.isListening { shutdown(listener, Int32(SHUT_RDWR)) }
            for descriptor in state.openConnections.values { shutdown(descriptor, Int32(SHUT_RDWR)) }
        }
    }

    /// Accepts until `stop()`, then closes the listener: only this loop uses it, so it is closed once,
    /// after its last `accept`.
    private func acceptLoop() {
        defer {
            state.withLock { state in
                state.isListening = false
                close(listener)
            }
        }
        while true {
            let descriptor = accept(listener, nil, nil)
            guard descriptor >= 0 else {
                if errno == EINTR || errno == ECONNABORTED { continue }
                return
            }
            let number: Int? = state.withLock { state in
                guard !state.isStopped else { return nil }
                state.acceptedConnections += 1
                state.openConnections[state.acceptedConnections] = descriptor
                return state.acceptedConnections
            }
            guard let number else {
                close(descriptor)
                return
            }
            let thread = Thread { [self] in serve(SocketConnection(descriptor: descriptor), number: number) }
            thread.name = "TestHTTPServer.connection.\(number)"
            thread.start()
        }
    }

    private func serve(_ connection: SocketConnection, number: Int) {
        var open = true
        while open, let request = connection.readRequest(storageLimit: bodyStorageLimit, connection: number) {
            state.withLock { state in
                state.receivedBodyBytes += request.bodyByteCount
                if recordsRequests { state.requests.append(request) }
            }
            let response = handler(request)
            let keepAlive = request.header("Connection")?.lowercased() != "close"
            open = ResponseWriter.write(response, for: request, keepAlive: keepAlive, to: connection) && keepAlive
        }
        state.withLock { _ = $0.openConnections.removeValue(forKey: number) }
        connection.shutdownAndClose()
    }
}
