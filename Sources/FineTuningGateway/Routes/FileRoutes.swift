import FineTuning
import Foundation
import Hummingbird
import NIOPosix

/// `/v1/files`: streamed multipart upload validated with the dataset toolkit, list, retrieve,
/// `/content`, delete. Each key sees only its own files.
struct FileRoutes: Sendable {
    let store: GatewayStore
    let blobs: FileBlobStore
    let maxUploadBytes: Int64

    func register(on group: RouterGroup<GatewayRequestContext>) {
        group.post("files", use: upload)
        group.get("files", use: list)
        group.get("files/:file_id", use: retrieve)
        group.get("files/:file_id/content", use: content)
        group.delete("files/:file_id", use: delete)
    }

    @Sendable func upload(_ request: Request, context: GatewayRequestContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        guard let boundary = request.headers[.contentType].flatMap(MultipartReader.boundary(contentType:)) else {
            throw OpenAIError.badRequest("Uploads must be multipart/form-data with a 'file' and a 'purpose' field.", param: "file")
        }
        if let length = request.headers[.contentLength].flatMap(Int64.init), length > maxUploadBytes {
            throw OpenAIError.tooLarge(limit: Int(maxUploadBytes))
        }
        let received = try await receive(request.body, boundary: boundary)
        defer { received.upload?.discard() }
        guard let upload = received.upload, let filename = received.filename else {
            throw OpenAIError.badRequest("Missing required parameter: 'file'.", param: "file")
        }
        guard let purpose = received.purpose else { throw OpenAIError.badRequest("Missing required parameter: 'purpose'.", param: "purpose") }
        let sha256 = try await upload.finish()
        if purpose == "fine-tune" { try await validate(upload.temporaryPath.path, filename: filename) }
        let blobPath = try await blobs.keep(upload, sha256: sha256, extension: Self.pathExtension(filename))
        let file = StoredFile(
            id: "file-" + GatewayIDs.random(), owner: principal.name, filename: filename, purpose: purpose, bytes: upload.bytes,
            sha256: sha256, blobPath: blobPath, createdAt: Int64(Date().timeIntervalSince1970))
        try await store.insert(file)
        return JSONResponse.make(OpenAIObjects.file(file))
    }

    /// What a multipart body held: the file streamed to a temporary blob, the form fields in memory.
    private struct Received {
        var upload: FileBlobStore.Upload?
        var filename: String?
        var purpose: String?
    }

    private func receive(_ body: RequestBody, boundary: String) async throws -> Received {
        var reader = MultipartReader(boundary: boundary)
        var received = Received()
        var field: String?
        var fieldValue: [UInt8] = []
        var total: Int64 = 0
        do {
            for try await chunk in body {
                total += Int64(chunk.readableBytes)
                if total > maxUploadBytes { throw OpenAIError.tooLarge(limit: Int(maxUploadBytes)) }
                for event in try reader.feed(chunk.readableBytesView) {
                    switch event {
                    case .partStart(let headers):
                        let disposition = MultipartReader.dispositionParameters(headers["content-disposition"] ?? "")
                        field = disposition["name"]
                        fieldValue = []
                        if field == "file" {
                            guard received.upload == nil else { throw OpenAIError.badRequest("Only one 'file' per upload.", param: "file") }
                            let filename = disposition["filename"] ?? "upload.jsonl"
                            received.filename = filename
                            received.upload = try blobs.startUpload(extension: Self.pathExtension(filename))
                        }
                    case .content(let bytes):
                        if field == "file" {
                            try await received.upload?.append(bytes)
                        } else if fieldValue.count + bytes.count <= 4096 {
                            fieldValue += bytes
                        }
                    case .partEnd:
                        if field == "purpose" { received.purpose = String(decoding: fieldValue, as: UTF8.self) }
                        field = nil
                    }
                }
            }
        } catch let malformed as MultipartReader.Malformed {
            received.upload?.discard()
            throw OpenAIError.badRequest("Malformed multipart body: \(malformed.reason).", param: "file")
        } catch {
            received.upload?.discard()
            throw error
        }
        guard reader.isComplete else {
            received.upload?.discard()
            throw OpenAIError.badRequest("The multipart body ended before its closing boundary.", param: "file")
        }
        return received
    }

    /// Refuses a training file the dataset toolkit finds problems in, listing them as `line N: field: message`.
    private func validate(_ path: String, filename: String) async throws {
        let report = try await NIOThreadPool.singleton.runIfActive { try DatasetValidator.validate(path: path) }
        guard !report.isValid else { return }
        var lines = report.problems.map(Self.describe)
        if report.omittedProblemCount > 0 { lines.append("... and \(report.omittedProblemCount) more problems") }
        throw OpenAIError(
            .badRequest, "Invalid file '\(filename)' (\(report.format.rawValue)):\n" + lines.joined(separator: "\n"), param: "file",
            code: "invalid_file")
    }

    /// A problem without the server's temporary path: `line N: field: message`.
    static func describe(_ problem: DatasetProblem) -> String {
        var parts: [String] = []
        if let line = problem.location.line { parts.append("line \(line)") }
        if let field = problem.location.field { parts.append(field) }
        parts.append(problem.message)
        return parts.joined(separator: ": ")
    }

    static func pathExtension(_ filename: String) -> String {
        let ext = URL(fileURLWithPath: filename).pathExtension.lowercased()
        return ext.allSatisfy { $0.isLetter || $0.isNumber } && ext.count <= 8 ? ext : ""
    }

    @Sendable func list(_ request: Request, context: GatewayRequestContext) async throws -> Response {
        let purpose = request.uri.queryParameters.get("purpose")
        let files = try await store.files(visibleTo: try context.requirePrincipal(), purpose: purpose)
        return JSONResponse.make(OpenAIObjects.list(files.map(OpenAIObjects.file), hasMore: false))
    }

    @Sendable func retrieve(_ request: Request, context: GatewayRequestContext) async throws -> Response {
        JSONResponse.make(OpenAIObjects.file(try await ownedFile(context)))
    }

    @Sendable func content(_ request: Request, context: GatewayRequestContext) async throws -> Response {
        let file = try await ownedFile(context)
        let fileIO = FileIO(threadPool: .singleton)
        let body = try await fileIO.loadFile(path: file.blobPath, context: context)
        return Response(status: .ok, headers: [.contentType: "application/octet-stream"], body: body)
    }

    @Sendable func delete(_ request: Request, context: GatewayRequestContext) async throws -> Response {
        let file = try await ownedFile(context)
        if let orphan = try await store.deleteFile(file) { await blobs.remove(orphan) }
        return JSONResponse.make(OpenAIObjects.deleted(file.id, object: "file"))
    }

    private func ownedFile(_ context: GatewayRequestContext) async throws -> StoredFile {
        let id = try context.coreContext.parameters.require("file_id")
        guard let file = try await store.file(id, visibleTo: try context.requirePrincipal()) else { throw OpenAIError.notFound("file", id, param: "file_id") }
        return file
    }
}
