import FineTuning
import FineTuningHTTP
import Foundation

/// Stages a local file in Cloud Storage, streamed from disk: a single `uploadType=media` request
/// for small files, a resumable session (initiate, then one streamed PUT to the session URI) for
/// files of `resumableThreshold` bytes or more. Re-uploading the same object name overwrites it,
/// so a whole upload is safe to repeat.
struct CloudStorageUploader: Sendable {
    /// Files this large or larger use a resumable upload (google-cloud-storage's multipart limit).
    static let resumableThreshold: Int64 = 8 * 1024 * 1024

    /// Requests go to `{base}/upload/storage/v1/b/{bucket}/o` with the provider's credentials.
    let client: ProviderHTTPClient
    var resumableThreshold: Int64 = CloudStorageUploader.resumableThreshold

    /// Uploads `path` as `object` in `bucket` and returns its `gs://` URI.
    func upload(path: String, bucket: String, object: String) async throws -> String {
        let size: Int64
        do {
            size = (try FileManager.default.attributesOfItem(atPath: path)[.size] as? NSNumber)?.int64Value ?? 0
        } catch {
            throw FineTuningError(.invalidRequest, "training file \(path) cannot be read: \(error.localizedDescription)", provider: client.provider, parameter: "training_file")
        }
        let uploadPath = "/upload/storage/v1/b/\(Self.pathSegment(bucket))/o"
        let stored: JSONValue
        if size < resumableThreshold {
            let url = client.url(uploadPath, query: [URLQueryItem(name: "uploadType", value: "media"), URLQueryItem(name: "name", value: object)])
            stored = try await client.json(HTTPRequest(
                method: .post, url: url, headers: ["Content-Type": Self.contentType(path)], body: .file(path: path), isIdempotent: true))
        } else {
            let url = client.url(uploadPath, query: [URLQueryItem(name: "uploadType", value: "resumable"), URLQueryItem(name: "name", value: object)])
            let session = try await client.send(HTTPRequest(
                method: .post, url: url,
                headers: ["X-Upload-Content-Type": Self.contentType(path), "X-Upload-Content-Length": String(size), "Content-Length": "0"],
                isIdempotent: true))
            guard let location = session.headers["Location"], let sessionURL = URL(string: location) else {
                throw FineTuningError(
                    .transport, "Cloud Storage started a resumable upload without a Location header", provider: client.provider, httpStatus: session.status)
            }
            // Not re-sent blindly: after a partial upload the session expects the rest, which a
            // whole-file body cannot give. A failed upload fails the create, which can be re-run.
            stored = try await client.json(HTTPRequest(
                method: .put, url: sessionURL, headers: ["Content-Type": Self.contentType(path)], body: .file(path: path), isIdempotent: false))
        }
        guard stored["name"]?.stringValue == object else {
            throw FineTuningError(
                .transport, "Cloud Storage answered the upload of \(path) without the object name \(object)", provider: client.provider)
        }
        return "gs://\(bucket)/\(object)"
    }

    static func contentType(_ path: String) -> String {
        path.hasSuffix(".jsonl") ? "application/jsonl" : "application/octet-stream"
    }

    /// A bucket name as one URL path segment.
    private static func pathSegment(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed.subtracting(CharacterSet(charactersIn: "/"))) ?? text
    }
}
