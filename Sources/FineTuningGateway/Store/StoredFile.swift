import Foundation

/// An uploaded file: metadata in the database, content under `FINETUNE_HOME` named by its SHA-256.
public struct StoredFile: Sendable, Hashable {
    public var id: String
    public var owner: String
    public var filename: String
    public var purpose: String
    public var bytes: Int64
    public var sha256: String
    /// The content on disk, shared by every file with the same bytes.
    public var blobPath: String
    public var createdAt: Int64
}
