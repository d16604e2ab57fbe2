import Crypto
import Foundation
import NIOPosix

/// Uploaded content on disk, named by its SHA-256 (`<sha256>.<extension>`, the extension kept so the
/// dataset toolkit recognises the format). Writes go to a temporary file first and are moved into
/// place only when complete, so a crash never leaves a partial blob under a content name. File work
/// runs on NIO's thread pool, never on the cooperative pool.
struct FileBlobStore: Sendable {
    let directory: URL

    init(directory: String) throws {
        self.directory = URL(fileURLWithPath: directory, isDirectory: true)
        try FileManager.default.createDirectory(at: self.directory.appendingPathComponent("tmp"), withIntermediateDirectories: true)
    }

    /// A file being received: bytes are appended and hashed as they arrive.
    final class Upload: @unchecked Sendable {
        let temporaryPath: URL
        private let handle: FileHandle
        private var hasher = SHA256()
        private(set) var bytes: Int64 = 0

        init(temporaryPath: URL) throws {
            self.temporaryPath = temporaryPath
            guard FileManager.default.createFile(atPath: temporaryPath.path, contents: nil) else {
                throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: temporaryPath.path])
            }
            handle = try FileHandle(forWritingTo: temporaryPath)
        }

        /// Appends a chunk (called by one task at a time).
        func append(_ chunk: [UInt8]) async throws {
            bytes += Int64(chunk.count)
            hasher.update(data: chunk)
            let handle = handle
            try await NIOThreadPool.singleton.runIfActive { try handle.write(contentsOf: chunk) }
        }

        func finish() async throws -> String {
            let handle = handle
            try await NIOThreadPool.singleton.runIfActive {
                try handle.synchronize()
                try handle.close()
            }
            return LowercaseHex.string(hasher.finalize())
        }

        func discard() {
            try? handle.close()
            try? FileManager.default.removeItem(at: temporaryPath)
        }
    }

    func startUpload(extension pathExtension: String) throws -> Upload {
        let name = UUID().uuidString + (pathExtension.isEmpty ? "" : ".\(pathExtension)")
        return try Upload(temporaryPath: directory.appendingPathComponent("tmp").appendingPathComponent(name))
    }

    /// Moves a finished upload to its content name (dropping it when that content is already stored).
    func keep(_ upload: Upload, sha256: String, extension pathExtension: String) async throws -> String {
        let target = directory.appendingPathComponent(sha256 + (pathExtension.isEmpty ? "" : ".\(pathExtension)"))
        try await NIOThreadPool.singleton.runIfActive {
            if FileManager.default.fileExists(atPath: target.path) {
                try FileManager.default.removeItem(at: upload.temporaryPath)
            } else {
                try FileManager.default.moveItem(at: upload.temporaryPath, to: target)
            }
        }
        return target.path
    }

    func remove(_ path: String) async {
        _ = try? await NIOThreadPool.singleton.runIfActive { try FileManager.default.removeItem(atPath: path) }
    }
}
