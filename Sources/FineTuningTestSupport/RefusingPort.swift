#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
public import Foundation

/// A port on 127.0.0.1 where every connection is refused, for as long as this value lives: a TCP
/// socket bound to it that never listens. Holding the port keeps other tests in the same process
/// from getting it (a stopped server's port can be handed to the next server at once, and a request
/// meant to be refused is then answered).
public final class RefusingPort: Sendable {
    /// The refused port (chosen by the system).
    public let port: Int
    private let descriptor: Int32

    public init() throws {
        (descriptor, port) = try LoopbackSocket.open(listening: false)
    }

    deinit {
        close(descriptor)
    }

    /// `http://127.0.0.1:<port>`.
    public var baseURL: URL { URL(string: "http://127.0.0.1:\(port)")! }

    /// The URL of `pathAndQuery` (starting with `/`) on this port.
    public func url(_ pathAndQuery: String) -> URL {
        URL(string: baseURL.absoluteString + pathAndQuery)!
    }
}
