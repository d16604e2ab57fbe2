public import FineTuning
import Foundation

/// The `POST /files` upload that OpenAI-style APIs share (OpenAI, Azure, OpenAI-compatible servers,
/// Mistral): multipart/form-data with purpose `fine-tune`, the file streamed from disk. It is not
/// idempotent, so the transport sends it once and never re-sends it after an answer.
public enum FilesEndpointUpload {
    /// The file id for `reference`, uploading a local file first. These APIs read training data only
    /// from their own files: a URI or another provider's resource name is refused before any request.
    public static func fileID(for reference: DataReference, parameter: String, client: ProviderHTTPClient) async throws -> String {
        switch reference {
        case .providerFile(let id): return id
        case .localFile(let path): return try await upload(path: path, client: client)
        case .uri, .resourceName:
            throw FineTuningError(
                .invalidRequest, "\(client.provider) reads training data from a local file or an uploaded file id, not '\(reference)'",
                provider: client.provider, parameter: parameter)
        }
    }

    /// Uploads the file at `path` and returns the id the provider gave it.
    static func upload(path: String, client: ProviderHTTPClient) async throws -> String {
        let filename = URL(fileURLWithPath: path).lastPathComponent
        let form = MultipartForm(parts: [
            .field(name: "purpose", value: "fine-tune"),
            .file(name: "file", path: path, filename: filename, contentType: "application/jsonl"),
        ])
        let json = try await client.json(HTTPRequest(method: .post, url: client.url("files"), body: .multipart(form)))
        guard let id = json["id"]?.stringValue, !id.isEmpty else {
            throw FineTuningError(
                .transport, "\(client.provider) accepted the upload of \(filename) but answered without a file id",
                provider: client.provider)
        }
        return id
    }
}
