import FineTuning
import FineTuningHTTP
import Foundation

/// Uploads a local training or validation file with `POST /files` (multipart, streamed from
/// disk, purpose `fine-tune`) and returns the file id the job refers to.
enum OpenAIFileUpload {
    static func upload(path: String, client: ProviderHTTPClient) async throws -> String {
        let filename = URL(fileURLWithPath: path).lastPathComponent
        let form = MultipartForm(parts: [
            .field(name: "purpose", value: "fine-tune"),
            .file(name: "file", path: path, filename: filename, contentType: "application/jsonl"),
        ])
        let json = try await client.json(HTTPRequest(method: .post, url: client.url("files"), body: .multipart(form)))
        guard let id = json["id"]?.nonEmptyString else {
            throw FineTuningError(
                .transport, "\(client.provider) accepted the upload of \(filename) but answered without a file id",
                provider: client.provider)
        }
        return id
    }

    /// The file id for `reference`, uploading a local file first. OpenAI reads training data only
    /// from its own files: a URI or another provider's resource name is refused before any request.
    static func fileID(for reference: DataReference, parameter: String, client: ProviderHTTPClient) async throws -> String {
        switch reference {
        case .providerFile(let id): return id
        case .localFile(let path): return try await upload(path: path, client: client)
        case .uri, .resourceName:
            throw FineTuningError(
                .invalidRequest, "\(client.provider) reads training data from a local file or an uploaded file id (file-...), not '\(reference)'",
                provider: client.provider, parameter: parameter)
        }
    }
}
