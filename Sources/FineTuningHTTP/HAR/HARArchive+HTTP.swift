import Foundation
import HTTPTypes

extension HARArchive.Request {
    /// File bodies up to this size are recorded (and matched) by content; larger ones by size only.
    public static let recordedFileLimit = 1 << 20

    /// The HAR form of `request`, scrubbed by `rules`. Both recording and replay matching use it,
    /// so a live request is compared with its recording in the same, scrubbed form.
    public init(_ request: HTTPRequest, scrubbing rules: HARScrubRules) {
        let url = rules.url(request.url)
        let query = URLComponents(string: url)?.queryItems ?? []
        let contentType = request.headers["Content-Type"] ?? "application/octet-stream"
        let postData: HARArchive.PostData?
        let bodySize: Int
        switch request.body {
        case .empty:
            (postData, bodySize) = (nil, 0)
        case .data(let data):
            postData = HARArchive.PostData(mimeType: contentType, text: rules.text(String(decoding: data, as: UTF8.self)))
            bodySize = data.count
        case .file(let path):
            let file = Self.recordedFile(atPath: path, scrubbing: rules)
            postData = HARArchive.PostData(mimeType: contentType, text: file.text)
            bodySize = file.size
        case .multipart(let form):
            postData = HARArchive.PostData(mimeType: "multipart/form-data", params: form.parts.map { part in
                switch part {
                case .field(let name, let value):
                    return HARArchive.Param(name: name, value: rules.text(value))
                case .file(let name, let path, let filename, let partType):
                    return HARArchive.Param(
                        name: name, value: Self.recordedFile(atPath: path, scrubbing: rules).text, fileName: filename, contentType: partType)
                }
            })
            bodySize = -1
        }
        self.init(
            method: request.method.rawValue, url: url,
            headers: request.headers.map { HARArchive.NameValue(name: $0.name, value: rules.header(name: $0.name, value: $0.value)) },
            queryString: query.map { HARArchive.NameValue(name: $0.name, value: $0.value ?? "") },
            postData: postData, bodySize: bodySize)
    }

    /// How a file body is recorded, and its size (-1 when it cannot be read).
    private static func recordedFile(atPath path: String, scrubbing rules: HARScrubRules) -> (text: String, size: Int) {
        let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? -1
        let contents = (0...recordedFileLimit).contains(size) ? FileManager.default.contents(atPath: path) : nil
        return (recordedFile(contents, size: size, scrubbing: rules), size)
    }

    /// How file contents are recorded: their scrubbed text when they are UTF-8 of at most
    /// `recordedFileLimit` bytes, otherwise only their size.
    static func recordedFile(_ contents: Data?, size: Int, scrubbing rules: HARScrubRules) -> String {
        guard size <= recordedFileLimit, let contents, let text = String(data: contents, encoding: .utf8) else {
            return "(file of \(size) bytes)"
        }
        return rules.text(text)
    }
}

extension HARArchive.Response {
    /// The HAR form of `response`, scrubbed; a body that is not UTF-8 is kept as base64.
    public init(_ response: HTTPResponse, scrubbing rules: HARScrubRules) {
        let content: HARArchive.Content
        if let text = String(data: response.body, encoding: .utf8) {
            content = HARArchive.Content(size: response.body.count, mimeType: response.headers["Content-Type"], text: rules.text(text))
        } else {
            content = HARArchive.Content(
                size: response.body.count, mimeType: response.headers["Content-Type"], text: response.body.base64EncodedString(),
                encoding: "base64")
        }
        self.init(
            status: response.status,
            headers: response.headers.map { HARArchive.NameValue(name: $0.name, value: rules.header(name: $0.name, value: $0.value)) },
            content: content)
    }

    /// The response to replay: status, headers and body exactly as recorded.
    public var httpResponse: HTTPResponse {
        let text = content.text ?? ""
        let body = content.encoding == "base64" ? Data(base64Encoded: text) ?? Data() : Data(text.utf8)
        return HTTPResponse(status: status, headers: HTTPHeaders(headers.map { ($0.name, $0.value) }), body: body)
    }
}
