import Foundation
public import Logging

extension CurlTransport {
    /// Limits and network settings of a `CurlTransport`. The defaults suit provider APIs and
    /// multi-gigabyte uploads alike.
    public struct Configuration: Sendable {
        /// The time allowed to establish a connection (TCP and TLS).
        public var connectTimeout: Duration
        /// The time allowed for a whole exchange when the request sets no `timeout`.
        public var timeout: Duration
        /// A transfer slower than `lowSpeedLimit` bytes per second for `lowSpeedTime` is
        /// abandoned as stalled.
        public var lowSpeedLimit: Int
        public var lowSpeedTime: Duration
        /// The largest response body accepted, in bytes; a larger one fails with
        /// `TransportFailure.responseTooLarge`.
        public var maxResponseSize: Int
        /// How many redirects a GET or HEAD follows; other methods return the 3xx response.
        public var maxRedirects: Int
        /// A proxy URL overriding the environment; nil lets libcurl read `https_proxy` and friends.
        public var proxy: String?
        /// A PEM bundle of trusted CA certificates; nil uses the system store. Peer and host
        /// verification are always on.
        public var caBundlePath: String?
        public var userAgent: String
        /// Gets one redacted debug line per finished request (method, URL, status, size, time),
        /// logged on the transport's thread.
        public var logger: Logger

        public init(
            connectTimeout: Duration = .seconds(30), timeout: Duration = .seconds(600), lowSpeedLimit: Int = 1,
            lowSpeedTime: Duration = .seconds(120),
            maxResponseSize: Int = 256 << 20, maxRedirects: Int = 5, proxy: String? = nil, caBundlePath: String? = nil,
            userAgent: String = "swift-finetuning", logger: Logger = Logger(label: "finetune.http")
        ) {
            self.connectTimeout = connectTimeout
            self.timeout = timeout
            self.lowSpeedLimit = lowSpeedLimit
            self.lowSpeedTime = lowSpeedTime
            self.maxResponseSize = maxResponseSize
            self.maxRedirects = maxRedirects
            self.proxy = proxy
            self.caBundlePath = caBundlePath
            self.userAgent = userAgent
            self.logger = logger
        }
    }
}
