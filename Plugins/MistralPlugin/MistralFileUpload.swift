import FineTuning
import FineTuningHTTP
import Foundation

/// Uploads a local training or validation file with `POST /files` (multipart/form-data, purpose
/// `fine-tune`; the host streams the file from disk) and returns the file id a job refers to.
/// The upload is not idempotent: the host sends it once and never re-sends it after an answer.
enum MistralFileUpload {
    /// The file id for `reference`, uploading a local file first. Mistral reads training data only
    /// from its own files: a URI or a resource name is refused before any request.
    static func fileID(for reference: DataReference, parameter: String, client: ProviderHTTPClient) async throws -> String {
        switch reference {
        case .providerFile(let id): return id
        case .localFile(let path): return try await upload(path: path, client: client)
        case .uri, .resourceName:
            throw FineTuningError(
                .invalidRequest, "mistral reads training data from a local file or an uploaded file id, not '\(reference)'",
                provider: "mistral", parameter: parameter)
        }
    }

    private static func upload(path: String, client: ProviderHTTPClient) async throws -> String {
        let filename = URL(fileURLWithPath: path).lastPathComponent
        let form = MultipartForm(parts: [
            .field(name: "purpose", value: "fine-tune"),
            .file(name: "file", path: path, filename: filename, contentType: "application/jsonl"),
        ])
        let json = try await client.json(HTTPRequest(method: .post, url: client.url("files"), body: .multipart(form)))
        guard let id = json["id"]?.stringValue, !id.isEmpty else {
            throw FineTuningError(.transport, "mistral accepted the upload of \(filename) but answered without a file id", provider: "mistral")
        }
        return id
    }
}
