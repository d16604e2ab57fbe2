public import Foundation

/// Training or validation data: a local file the framework validates and the provider uploads, or
/// something the provider already holds.
public enum DataReference: Sendable, Hashable, CustomStringConvertible {
    /// A file on this machine (`data.jsonl`, `/abs/train.jsonl`).
    case localFile(path: String)
    /// A file the provider stores, by its id (OpenAI's `file-abc123`).
    case providerFile(id: String)
    /// A URI: `gs://bucket/train.jsonl`, `s3://bucket/train.jsonl`, `https://...`.
    case uri(String)
    /// A provider resource name: collection/id pairs such as `projects/P/locations/L/datasets/D`.
    case resourceName(String)

    /// Reads a reference typed by a user, in this order:
    /// 1. `scheme://...` is a `.uri`;
    /// 2. a path where a file (or directory) exists is a `.localFile`;
    /// 3. collection/id pairs whose collections are plural camel-case words (`projects/P/locations/L/datasets/D`,
    ///    as Google's resource names are) are a `.resourceName`;
    /// 4. anything else with a `/` or a data-file extension (`.jsonl`, `.json`, `.csv`, `.txt`) is a
    ///    `.localFile` (validation then reports that it does not exist);
    /// 5. the rest is a `.providerFile` id.
    public init(parsing text: String, fileExists: (String) -> Bool = { FileManager.default.fileExists(atPath: $0) }) {
        if Self.isURI(text) {
            self = .uri(text)
        } else if fileExists(text) {
            self = .localFile(path: text)
        } else if Self.isResourceName(text) {
            self = .resourceName(text)
        } else if text.contains("/") || Self.hasDataFileExtension(text) {
            self = .localFile(path: text)
        } else {
            self = .providerFile(id: text)
        }
    }

    /// Reads a reference that names something the provider holds (never a local file): a URI, a
    /// resource name or a file id. For references that crossed a boundary as text (plugin ABI, fixtures).
    public static func remote(parsing text: String) -> DataReference {
        if isURI(text) { return .uri(text) }
        if isResourceName(text) { return .resourceName(text) }
        return .providerFile(id: text)
    }

    /// The reference as the user would type it.
    public var description: String {
        switch self {
        case .localFile(let path): path
        case .providerFile(let id): id
        case .uri(let uri): uri
        case .resourceName(let name): name
        }
    }

    /// The local path, when this is a local file.
    public var localPath: String? {
        if case .localFile(let path) = self { return path }
        return nil
    }

    private static func isURI(_ text: String) -> Bool {
        guard let separator = text.range(of: "://"), separator.lowerBound > text.startIndex else { return false }
        return text[..<separator.lowerBound].allSatisfy { $0.isLetter || $0.isNumber || "+-.".contains($0) }
    }

    private static func isResourceName(_ text: String) -> Bool {
        let segments = text.split(separator: "/", omittingEmptySubsequences: false)
        guard segments.count >= 2, segments.count.isMultiple(of: 2), !hasDataFileExtension(text) else { return false }
        return segments.enumerated().allSatisfy { index, segment in
            index.isMultiple(of: 2) ? isCollection(segment) : !segment.isEmpty
        }
    }

    /// `projects`, `tuningJobs`: a lower-case start, ASCII letters, a plural `s` at the end.
    private static func isCollection(_ segment: Substring) -> Bool {
        guard let first = segment.first, first.isLowercase, segment.hasSuffix("s") else { return false }
        return segment.allSatisfy { $0.isASCII && $0.isLetter }
    }

    private static func hasDataFileExtension(_ text: String) -> Bool {
        let lowered = text.lowercased()
        return [".jsonl", ".json", ".csv", ".txt"].contains { lowered.hasSuffix($0) }
    }
}
