import Crypto
import FineTuning
import FineTuningHTTP
import Foundation

/// The hex SHA-256 of a request body, as SigV4 signs it. A file is hashed in 1 MiB reads, so
/// memory stays flat whatever its size.
enum PayloadHash {
    static let chunkSize = 1 << 20

    static func of(_ body: HTTPBody, provider: String) throws -> String {
        switch body {
        case .empty:
            return SigV4Signer.emptyPayloadHash
        case .data(let data):
            return SigV4Signer.hex(SHA256.hash(data: data))
        case .file(let path):
            return try file(path, provider: provider)
        case .multipart:
            throw FineTuningError(.invalidRequest, "AWS requests are never multipart/form-data", provider: provider)
        }
    }

    /// Streams the file at `path` through SHA-256.
    static func file(_ path: String, provider: String) throws -> String {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw FineTuningError(.invalidRequest, "\(path) cannot be read", provider: provider, parameter: "training_file")
        }
        defer { try? handle.close() }
        var hasher = SHA256()
        while true {
            let chunk = try handle.read(upToCount: chunkSize) ?? Data()
            if chunk.isEmpty { break }
            hasher.update(data: chunk)
        }
        return SigV4Signer.hex(hasher.finalize())
    }
}
