import Crypto
public import Foundation

/// AWS Signature Version 4 (`AWS4-HMAC-SHA256`) over one request: canonical request, string to
/// sign, the derived signing key and the `Authorization` header. Checked against AWS's published
/// test-suite vectors (`SigV4SignerTests`).
public struct SigV4Signer: Sendable {
    /// Where the signature is valid: the region and the service's signing name (`bedrock`, `s3`).
    public var region: String
    public var service: String

    public init(region: String, service: String) {
        self.region = region
        self.service = service
    }

    /// The SHA-256 of an empty payload, in hex.
    public static let emptyPayloadHash = hex(SHA256.hash(data: Data()))

    /// Returns `headers` plus `X-Amz-Date`, `X-Amz-Security-Token` (temporary credentials) and
    /// `Authorization`. `payloadHash` is the hex SHA-256 of the body. Every header is signed
    /// except the ones proxies and transports may rewrite (`unsignedHeaders`, as botocore does).
    public func sign(
        method: String, url: URL, headers: [(name: String, value: String)], payloadHash: String,
        credentials: AWSCredentials, date: Date
    ) -> [(name: String, value: String)] {
        var result = headers
        let timestamp = Self.timestamp(date)
        result.append(("X-Amz-Date", timestamp))
        if let token = credentials.sessionToken { result.append(("X-Amz-Security-Token", token)) }
        let parts = canonicalRequest(method: method, url: url, headers: result, payloadHash: payloadHash)
        let scope = "\(timestamp.prefix(8))/\(region)/\(service)/aws4_request"
        let stringToSign = ["AWS4-HMAC-SHA256", timestamp, scope, Self.hex(SHA256.hash(data: Data(parts.text.utf8)))].joined(separator: "\n")
        let key = signingKey(secret: credentials.secretAccessKey, day: String(timestamp.prefix(8)))
        let signature = Self.hex(HMAC<SHA256>.authenticationCode(for: Data(stringToSign.utf8), using: key))
        result.append((
            "Authorization",
            "AWS4-HMAC-SHA256 Credential=\(credentials.accessKeyID)/\(scope), SignedHeaders=\(parts.signedHeaders), Signature=\(signature)"))
        return result
    }

    /// The canonical request and the `;`-joined names of the headers it signs.
    func canonicalRequest(method: String, url: URL, headers: [(name: String, value: String)], payloadHash: String) -> (text: String, signedHeaders: String) {
        let components = URLComponents(url: url, resolvingAgainstBaseURL: false)
        var signed: [String: [String]] = ["host": [Self.hostHeader(url)]]
        for (name, value) in headers {
            let lowered = name.lowercased()
            guard !Self.unsignedHeaders.contains(lowered), lowered != "host" else { continue }
            signed[lowered, default: []].append(value.trimmingCharacters(in: .whitespaces).split(separator: " ", omittingEmptySubsequences: true).joined(separator: " "))
        }
        let names = signed.keys.sorted()
        let canonicalHeaders = names.map { "\($0):\(signed[$0]!.joined(separator: ","))\n" }.joined()
        let signedHeaders = names.joined(separator: ";")
        let path = Self.canonicalPath(components?.percentEncodedPath ?? "/")
        let query = Self.canonicalQuery(components?.percentEncodedQuery)
        return ([method.uppercased(), path, query, canonicalHeaders, signedHeaders, payloadHash].joined(separator: "\n"), signedHeaders)
    }

    /// Headers left out of the signature.
    static let unsignedHeaders: Set<String> = ["authorization", "user-agent", "expect", "x-amzn-trace-id", "content-length"]

    /// `HMAC(HMAC(HMAC(HMAC("AWS4" + secret, day), region), service), "aws4_request")`.
    func signingKey(secret: String, day: String) -> SymmetricKey {
        var key = SymmetricKey(data: Data(("AWS4" + secret).utf8))
        for step in [day, region, service, "aws4_request"] {
            key = SymmetricKey(data: Data(HMAC<SHA256>.authenticationCode(for: Data(step.utf8), using: key)))
        }
        return key
    }

    /// The `Host` header as the server receives it: the port only when it is not the scheme's default.
    static func hostHeader(_ url: URL) -> String {
        let host = url.host ?? ""
        guard let port = url.port else { return host }
        let isDefault = (url.scheme == "https" && port == 443) || (url.scheme == "http" && port == 80)
        return isDefault ? host : "\(host):\(port)"
    }

    /// Each path segment decoded, then encoded once with AWS's unreserved set (S3's rule; the
    /// Bedrock paths this module sends hold only unreserved characters, where both rules agree).
    static func canonicalPath(_ encodedPath: String) -> String {
        guard !encodedPath.isEmpty else { return "/" }
        return encodedPath.split(separator: "/", omittingEmptySubsequences: false)
            .map { uriEncode(String($0).removingPercentEncoding ?? String($0)) }
            .joined(separator: "/")
    }

    /// Parameters sorted by encoded name, then value; each encoded with the unreserved set.
    static func canonicalQuery(_ encodedQuery: String?) -> String {
        guard let encodedQuery, !encodedQuery.isEmpty else { return "" }
        var pairs: [(name: String, value: String)] = []
        for pair in encodedQuery.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let value = parts.count > 1 ? uriEncode(decodeQueryComponent(parts[1])) : ""
            pairs.append((uriEncode(decodeQueryComponent(parts[0])), value))
        }
        pairs.sort { $0.name == $1.name ? $0.value < $1.value : $0.name < $1.name }
        return pairs.map { $0.name + "=" + $0.value }.joined(separator: "&")
    }

    private static func decodeQueryComponent(_ text: Substring) -> String {
        let spaced = text.replacingOccurrences(of: "+", with: " ")
        return spaced.removingPercentEncoding ?? spaced
    }

    /// Percent-encodes every byte outside `A-Z a-z 0-9 - _ . ~`, in upper-case hex.
    static func uriEncode(_ text: String) -> String {
        var encoded = ""
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                 UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "."), UInt8(ascii: "~"):
                encoded.append(Character(Unicode.Scalar(byte)))
            default:
                encoded += String(format: "%%%02X", byte)
            }
        }
        return encoded
    }

    /// `YYYYMMDD'T'HHMMSS'Z'` in UTC.
    static func timestamp(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        return String(format: "%04d%02d%02dT%02d%02d%02dZ", parts.year!, parts.month!, parts.day!, parts.hour!, parts.minute!, parts.second!)
    }

    static func hex<D: Sequence>(_ digest: D) -> String where D.Element == UInt8 {
        digest.map { String(format: "%02x", $0) }.joined()
    }
}
