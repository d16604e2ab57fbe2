public import FineTuning
public import Foundation

/// Turns a non-success HTTP response into the framework's error, the same way for every provider.
public enum HTTPErrorMapping {
    /// Provider codes that mean "quota exhausted": a 429 with one of these is not retried
    /// (OpenAI's `insufficient_quota` and `daily_rate_limit_exceeded`, Azure OpenAI's `quotaExceeded`).
    public static let nonRetryableQuotaCodes: Set<String> = ["insufficient_quota", "daily_rate_limit_exceeded", "quotaExceeded"]

    /// The error for `response`, reading the provider's own code, message and field with `parse`, with
    /// every known secret scrubbed.
    public static func error(for response: HTTPResponse, provider: String, parse: ProviderErrorParser) -> FineTuningError {
        let parsed = (try? JSONValue(parsing: response.body)).flatMap(parse)
        let message = parsed?.message ?? "HTTP \(response.status): \(bodyExcerpt(response.body))"
        return FineTuningError(
            code(status: response.status, providerCode: parsed?.code), message, provider: provider,
            parameter: parsed?.parameter, httpStatus: response.status, providerCode: parsed?.code,
            retryAfter: retryAfter(response.headers)
        ).redacted()  // servers and gateways echo the credential they were sent
    }

    /// The normalized code for an HTTP status (and, for 429, the provider's code).
    public static func code(status: Int, providerCode: String?) -> FineTuningError.Code {
        switch status {
        case 400, 413, 422: .invalidRequest
        case 401: .authentication
        case 403: .permissionDenied
        case 404: .notFound
        case 409: .conflict
        case 429: providerCode.map(nonRetryableQuotaCodes.contains) == true ? .quotaExceeded : .rateLimited
        case 408, 500...599: .providerUnavailable
        default: .providerError
        }
    }

    /// The longest wait read from a header (one day); `RetryBackoff.retryAfterCap` cuts it further.
    static let longestRetryAfter: Double = 86_400

    /// How long to wait, from `retry-after-ms` or `Retry-After` (seconds or an HTTP date, read
    /// against the wall clock `now`).
    public static func retryAfter(_ headers: HTTPHeaders, now: Date = Date()) -> Duration? {
        // A server's number is checked before it becomes a Duration: "inf" or "1e300" would trap.
        if let milliseconds = headers["retry-after-ms"].flatMap(Double.init), milliseconds.isFinite, milliseconds >= 0 {
            return Duration.checkedSeconds(min(milliseconds / 1000, longestRetryAfter))
        }
        guard let value = headers["retry-after"]?.trimmingCharacters(in: .whitespaces) else { return nil }
        if let seconds = Double(value) {
            return seconds.isFinite && seconds >= 0 ? Duration.checkedSeconds(min(seconds, longestRetryAfter)) : nil
        }
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss zzz"
        guard let date = formatter.date(from: value) else { return nil }
        return .seconds(max(0, date.timeIntervalSince(now)))
    }

    /// The start of a body, as text, for error messages (at most `limit` characters), with
    /// secrets the server may have echoed redacted.
    public static func bodyExcerpt(_ body: Data, limit: Int = 200) -> String {
        if body.isEmpty { return "(empty body)" }
        let text = String(decoding: body.prefix(limit * 4), as: UTF8.self)
        let excerpt = text.count > limit ? String(text.prefix(limit)) + "…" : text
        return "body starts: " + Redaction.standard.text(excerpt.replacingOccurrences(of: "\n", with: " "))
    }
}
