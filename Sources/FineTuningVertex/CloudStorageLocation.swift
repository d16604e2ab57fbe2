/// A Cloud Storage bucket and object prefix, written `gs://bucket/prefix` (or just `bucket`).
struct CloudStorageLocation: Sendable, Hashable {
    let bucket: String
    /// The object-name prefix without leading or trailing `/` (may be empty).
    let prefix: String

    init?(bucketOrURI text: String) {
        let path = text.hasPrefix("gs://") ? String(text.dropFirst(5)) : text
        let parts = path.split(separator: "/", maxSplits: 1, omittingEmptySubsequences: false)
        guard let bucket = parts.first, !bucket.isEmpty,
              bucket.allSatisfy({ $0.isLowercase || $0.isNumber || "-_.".contains($0) }) else { return nil }
        self.bucket = String(bucket)
        prefix = parts.count > 1 ? parts[1].split(separator: "/").joined(separator: "/") : ""
    }

    /// The object name of `name` under the prefix.
    func object(_ name: String) -> String {
        prefix.isEmpty ? name : prefix + "/" + name
    }

    /// `gs://bucket/object` of `name` under the prefix.
    func uri(_ name: String) -> String {
        "gs://\(bucket)/\(object(name))"
    }
}
