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
            let file = Self.describeFile(path)
            postData = HARArchive.PostData(mimeType: contentType, text: file.text.map(rules.text) ?? file.summary)
            bodySize = file.size
        case .multipart(let form):
            postData = HARArchive.PostData(mimeType: "multipart/form-data", params: form.parts.map { part in
                switch part {
                case .field(let name, let value):
                    return HARArchive.Param(name: name, value: rules.text(value))
                case .file(let name, let path, let filename, let partType):
                    let file = Self.describeFile(path)
                    return HARArchive.Param(name: name, value: file.text.map(rules.text) ?? file.summary, fileName: filename, contentType: partType)
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

    /// A file's text when it is small UTF-8, and always a size summary.
    private static func describeFile(_ path: String) -> (text: String?, summary: String, size: Int) {
        let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? -1
        let summary = "(file of \(size) bytes)"
        guard size >= 0, size <= recordedFileLimit, let data = FileManager.default.contents(atPath: path) else {
            return (nil, summary, size)
        }
        return (String(data: data, encoding: .utf8), summary, size)
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
