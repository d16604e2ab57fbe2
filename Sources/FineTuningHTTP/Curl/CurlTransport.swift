import FineTuning
import Foundation

/// The production transport: libcurl, driven by one curl multi handle on a dedicated thread.
///
/// Requests never block Swift's cooperative thread pool: `send` hands the request to the loop
/// thread and suspends until the loop resumes it. Connections are kept alive and reused across
/// requests (the multi handle owns the connection cache); request bodies stream from memory or
/// disk, so a multi-gigabyte upload never sits in memory. Proxies come from the usual environment
/// variables (`https_proxy`, `http_proxy`, `all_proxy`, `no_proxy`), read by libcurl itself, unless
/// `Configuration.proxy` overrides them.
///
/// One instance per process is plenty; it is safe to use from any number of tasks at once.
public final class CurlTransport: HTTPTransport {
    public let configuration: Configuration
    private let loop: CurlMultiLoop

    public init(configuration: Configuration = .init()) {
        CurlGlobal.initializeOnce()
        self.configuration = configuration
        self.loop = CurlMultiLoop(configuration: configuration)
    }

    deinit {
        loop.stop()
    }

    public func send(_ request: HTTPRequest) async throws -> HTTPResponse {
        Redaction.standard.registerSecrets(in: request.headers)
        KnownSecrets.shared.registerUserInfo(ofURL: request.url.absoluteString)
        let transfer = CurlTransfer(request: request, configuration: configuration)
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { continuation in
                transfer.continuation = continuation
                loop.submit(transfer)
            }
        } onCancel: {
            loop.cancel(transfer)
        }
    }
}
