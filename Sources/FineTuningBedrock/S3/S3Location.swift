import FineTuning

/// An `s3://bucket/key` URI, split.
public struct S3Location: Sendable, Hashable, CustomStringConvertible {
    public var bucket: String
    /// The key or key prefix, without a leading `/` (may be empty).
    public var key: String

    public init(bucket: String, key: String) {
        self.bucket = bucket
        self.key = key
    }

    /// Parses `s3://bucket[/key]`; throws an invalid-request error naming `parameter` otherwise.
    public init(parsing uri: String, parameter: String, provider: String) throws {
        guard uri.hasPrefix("s3://") else {
            throw FineTuningError(.invalidRequest, "\(parameter) '\(uri)' is not an s3:// URI (s3://bucket/prefix)", provider: provider, parameter: parameter)
        }
        let rest = uri.dropFirst("s3://".count)
        let bucket = rest.prefix { $0 != "/" }
        guard !bucket.isEmpty else {
            throw FineTuningError(.invalidRequest, "\(parameter) '\(uri)' names no bucket (s3://bucket/prefix)", provider: provider, parameter: parameter)
        }
        self.init(bucket: String(bucket), key: String(rest.dropFirst(bucket.count).drop { $0 == "/" }))
    }

    /// The location of `name` under this one, as a folder.
    public func appending(_ name: String) -> S3Location {
        S3Location(bucket: bucket, key: key.isEmpty ? name : (key.hasSuffix("/") ? key + name : key + "/" + name))
    }

    public var description: String { key.isEmpty ? "s3://\(bucket)/" : "s3://\(bucket)/\(key)" }
}
