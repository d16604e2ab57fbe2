/// The error's wire form (`--json` output, the plugin ABI, the gateway).
extension FineTuningError: Codable {
    enum CodingKeys: String, CodingKey {
        case code, message, provider, parameter, location, httpStatus = "http_status"
        case providerCode = "provider_code", retryAfter = "retry_after"
        case transportFailure = "transport_failure", details
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            try container.decode(Code.self, forKey: .code), try container.decode(String.self, forKey: .message),
            provider: try container.decodeIfPresent(String.self, forKey: .provider),
            parameter: try container.decodeIfPresent(String.self, forKey: .parameter),
            location: try container.decodeIfPresent(DataLocation.self, forKey: .location),
            httpStatus: try container.decodeIfPresent(Int.self, forKey: .httpStatus),
            providerCode: try container.decodeIfPresent(String.self, forKey: .providerCode),
            retryAfter: try Duration.decodeCheckedSeconds(container, forKey: .retryAfter),
            transportFailure: try container.decodeIfPresent(TransportFailure.self, forKey: .transportFailure),
            details: try container.decodeIfPresent([String].self, forKey: .details) ?? [])
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(code, forKey: .code)
        try container.encode(message, forKey: .message)
        try container.encodeIfPresent(provider, forKey: .provider)
        try container.encodeIfPresent(parameter, forKey: .parameter)
        try container.encodeIfPresent(location, forKey: .location)
        try container.encodeIfPresent(httpStatus, forKey: .httpStatus)
        try container.encodeIfPresent(providerCode, forKey: .providerCode)
        try container.encodeIfPresent(retryAfter?.inSeconds, forKey: .retryAfter)
        try container.encodeIfPresent(transportFailure, forKey: .transportFailure)
        if !details.isEmpty { try container.encode(details, forKey: .details) }
    }
}
