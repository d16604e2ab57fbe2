/// A provider-qualified job id, written `provider:native-id` so that a bare id can always be
/// routed back to the provider that made it.
public struct JobID: Sendable, Hashable, Codable, CustomStringConvertible, LosslessStringConvertible {
    public let provider: String
    /// The id as the provider spells it (`ftjob-abc`, `projects/1/locations/x/tuningJobs/2`).
    public let native: String

    public init(provider: String, native: String) {
        self.provider = provider
        self.native = native
    }

    /// Parses `provider:native`, split at the first colon.
    public init?(_ description: String) {
        guard let colon = description.firstIndex(of: ":") else { return nil }
        let provider = String(description[..<colon])
        let native = String(description[description.index(after: colon)...])
        guard !provider.isEmpty, !native.isEmpty, !provider.contains("/") else { return nil }
        self.init(provider: provider, native: native)
    }

    public var description: String { "\(provider):\(native)" }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let id = JobID(text) else {
            throw DecodingError.dataCorrupted(.init(
                codingPath: decoder.codingPath, debugDescription: "job id '\(text)' is not 'provider:id'"))
        }
        self = id
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}
