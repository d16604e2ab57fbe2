import FineTuning
import FineTuningHTTP
import Foundation
import Synchronization

/// What the host saw of the requests that change state (those not idempotent) a plugin sent
/// through it during one `create_job` call, and so whether a failed create may be run again.
///
/// The rule is the built-in adapters' (`IdempotentCreate`): a create is sent again only when no
/// request of it can have made a job, or when every request that may have made one carried the
/// create's client token, an idempotency key the job is first looked up by. A request may have made
/// a job when its connection broke after it left this machine, or when the server answered 408, 429
/// or 5xx. The host judges this from the exchanges themselves, not from the plugin's error.
final class PluginCreateExchanges: Sendable {
    private let clientToken: String
    /// How many state-changing requests may have made a job, and how many of them lacked the token.
    private let counts = Mutex((uncertain: 0, withoutToken: 0))

    init(clientToken: String) {
        self.clientToken = clientToken
    }

    /// How a failed create may go on.
    enum Resend: Equatable {
        /// Nothing the plugin sent can have made a job: run the create again if the plugin said its error is retryable.
        case ifRetryable
        /// A job may exist and can be found by the client token: look it up, and create again only if there is none.
        case afterLookup
        /// A job may exist and cannot be looked up: never again, and the error says the job may exist.
        case never
    }

    /// Notes one exchange the plugin made through the host.
    func record(_ request: HTTPRequest, _ outcome: Result<HTTPResponse, any Error>) {
        guard !request.isIdempotent, Self.mayHaveMadeAJob(outcome) else { return }
        let carriesToken = carries(request)
        counts.withLock { counts in
            counts.uncertain += 1
            if !carriesToken { counts.withoutToken += 1 }
        }
    }

    /// What may follow `error`, the create's failure.
    func resend(after error: FineTuningError) -> Resend {
        let (mayHaveMadeAJob, everyOneCarriedTheToken) = counts.withLock { ($0.uncertain > 0, $0.withoutToken == 0) }
        guard mayHaveMadeAJob else { return .ifRetryable }
        return everyOneCarriedTheToken && IdempotentCreate.isAmbiguous(error) ? .afterLookup : .never
    }

    /// True when the server may have acted on the request without the plugin learning the result.
    private static func mayHaveMadeAJob(_ outcome: Result<HTTPResponse, any Error>) -> Bool {
        switch outcome {
        case .success(let response):
            return response.status == 408 || response.status == 429 || response.status >= 500
        case .failure(let error):
            guard let error = error as? FineTuningError, [.transport, .timeout, .cancelled].contains(error.code) else { return false }
            return error.transportFailure?.requestWasNotSent != true
        }
    }

    /// True when the client token is in the request's URL, a header or its body.
    private func carries(_ request: HTTPRequest) -> Bool {
        if request.url.absoluteString.contains(clientToken) || request.headers.contains(where: { $0.value.contains(clientToken) }) { return true }
        guard case .data(let body) = request.body else { return false }
        return body.range(of: Data(clientToken.utf8)) != nil
    }
}
