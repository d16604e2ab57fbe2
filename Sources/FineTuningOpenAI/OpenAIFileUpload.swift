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
        let json = try await client.json(HTTPRequest(method: "POST", url: client.url("files"), body: .multipart(form)))
        guard let id = json["id"]?.nonEmptyString else {
            throw FineTuningError(
                .transport, "\(client.provider) accepted the upload of \(filename) but answered without a file id",
                provider: client.provider)
        }
        return id
    }

    /// The file id for `reference`, uploading a local file first.
    static func fileID(for reference: DataReference, client: ProviderHTTPClient) async throws -> String {
        switch reference {
        case .remote(let id): id
        case .localFile(let path): try await upload(path: path, client: client)
        }
    }
}
