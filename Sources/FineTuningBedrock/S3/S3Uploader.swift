import FineTuning
import FineTuningHTTP
import Foundation

/// Stages a local file in S3, streamed from disk: one `PutObject` below `multipartThreshold`, a
/// multipart upload above it. Each part is copied to a temporary file in 1 MiB reads and streamed
/// from there, so memory stays flat whatever the file's size; a failed multipart upload is aborted.
struct S3Uploader: Sendable {
    /// Files larger than this go multipart (the brief's 100 MB).
    static let multipartThreshold: Int64 = 100 * 1_000_000
    /// Every part but the last has this size (S3's minimum is 5 MiB, its maximum 10,000 parts).
    static let partSize: Int64 = 64 * 1024 * 1024

    let client: S3Client
    var multipartThreshold: Int64 = S3Uploader.multipartThreshold
    var partSize: Int64 = S3Uploader.partSize

    /// Uploads `path` to `location` and returns the object's `s3://` URI.
    func upload(path: String, to location: S3Location) async throws -> String {
        let size: Int64
        do {
            size = (try FileManager.default.attributesOfItem(atPath: path)[.size] as? NSNumber)?.int64Value ?? 0
        } catch {
            throw FineTuningError(.invalidRequest, "training file \(path) cannot be read: \(error.localizedDescription)", provider: client.provider, parameter: "training_file")
        }
        if size <= multipartThreshold {
            try await client.send(.put, location, headers: ["Content-Type": "application/jsonl"], body: .file(path: path))
        } else {
            try await multipart(path: path, size: size, to: location)
        }
        return location.description
    }

    private func multipart(path: String, size: Int64, to location: S3Location) async throws {
        let started = try await client.send(.post, location, query: [URLQueryItem(name: "uploads", value: "")], headers: ["Content-Type": "application/jsonl"], idempotent: false)
        guard let uploadID = XMLText.first("UploadId", in: String(decoding: started.body, as: UTF8.self)) else {
            throw FineTuningError(.transport, "S3 started a multipart upload of \(location) without an UploadId", provider: client.provider, httpStatus: started.status)
        }
        do {
            var etags: [String] = []
            var offset: Int64 = 0
            while offset < size {
                let length = min(partSize, size - offset)
                let part = try PartFile(source: path, offset: offset, length: length)
                defer { part.remove() }
                let query = [URLQueryItem(name: "partNumber", value: String(etags.count + 1)), URLQueryItem(name: "uploadId", value: uploadID)]
                let response = try await client.send(.put, location, query: query, body: .file(path: part.path))
                etags.append(response.headers["ETag"] ?? "")
                offset += length
            }
            let parts = etags.enumerated().map { "<Part><PartNumber>\($0.offset + 1)</PartNumber><ETag>\(XMLText.escape($0.element))</ETag></Part>" }.joined()
            let complete = try await client.send(
                .post, location, query: [URLQueryItem(name: "uploadId", value: uploadID)], headers: ["Content-Type": "application/xml"],
                body: .data(Data("<CompleteMultipartUpload>\(parts)</CompleteMultipartUpload>".utf8)), idempotent: true)
            // S3 can answer 200 with an error document once the parts are being joined.
            let text = String(decoding: complete.body, as: UTF8.self)
            if text.contains("<Error>") { throw client.error(HTTPResponse(status: 500, body: complete.body), location: location) }
        } catch {
            _ = try? await client.send(.delete, location, query: [URLQueryItem(name: "uploadId", value: uploadID)])
            throw error
        }
    }
}

/// One part of a file copied to a temporary file in 1 MiB reads.
private struct PartFile {
    let path: String

    init(source: String, offset: Int64, length: Int64) throws {
        path = FileManager.default.temporaryDirectory.appendingPathComponent("finetune-s3-part-\(UUID().uuidString)").path
        guard FileManager.default.createFile(atPath: path, contents: nil),
              let output = FileHandle(forWritingAtPath: path), let input = FileHandle(forReadingAtPath: source) else {
            throw FineTuningError(.invalidRequest, "\(source) cannot be read for a multipart upload", parameter: "training_file")
        }
        defer {
            try? output.close()
            try? input.close()
        }
        try input.seek(toOffset: UInt64(offset))
        var remaining = length
        while remaining > 0 {
            let chunk = try input.read(upToCount: Int(min(remaining, Int64(PayloadHash.chunkSize)))) ?? Data()
            if chunk.isEmpty { break }
            try output.write(contentsOf: chunk)
            remaining -= Int64(chunk.count)
        }
    }

    func remove() { try? FileManager.default.removeItem(atPath: path) }
}
