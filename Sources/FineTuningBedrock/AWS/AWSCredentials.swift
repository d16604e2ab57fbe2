import FineTuning
public import Foundation

/// An AWS access key pair, with the session token of temporary credentials.
public struct AWSCredentials: Sendable, Hashable {
    public var accessKeyID: String
    public var secretAccessKey: String
    public var sessionToken: String?
    /// When temporary credentials stop working (nil: long-lived keys).
    public var expiration: Date?

    public init(accessKeyID: String, secretAccessKey: String, sessionToken: String? = nil, expiration: Date? = nil) {
        self.accessKeyID = accessKeyID
        self.secretAccessKey = secretAccessKey
        self.sessionToken = sessionToken
        self.expiration = expiration
    }

    /// True when the credentials expire within `margin` of `now`.
    func expires(within margin: Duration, of now: Date) -> Bool {
        guard let expiration else { return false }
        return expiration.timeIntervalSince(now) < margin.inSeconds
    }
}
