public import Foundation

extension HARArchive.Request {
    /// The HAR form of a request as a server received it on the wire, scrubbed by `rules`: what a
    /// loopback server answering from an archive hands to `HARReplayTransport.response(to:)`, so
    /// it is matched exactly like an in-process replay. A multipart/form-data body is split into its
    /// fields; any other body is recorded as a file body is (the wire does not tell a streamed file
    /// from bytes in memory): its text, or only its size when it is not UTF-8 or is larger than
    /// `recordedFileLimit`.
    public init(method: String, url: URL, headers: [(name: String, value: String)], body: Data, scrubbing rules: HARScrubRules) {
        let scrubbedURL = rules.url(url)
        let contentType = headers.first { $0.name.caseInsensitiveCompare("Content-Type") == .orderedSame }?.value
        let postData: HARArchive.PostData?
        if body.isEmpty {
            postData = nil
        } else if let contentType, let parts = MultipartFormData.parts(of: body, contentType: contentType) {
            postData = HARArchive.PostData(mimeType: "multipart/form-data", params: parts.map { part in
                guard let fileName = part.fileName else {
                    return HARArchive.Param(name: part.name, value: rules.text(String(decoding: part.body, as: UTF8.self)))
                }
                return HARArchive.Param(
                    name: part.name, value: Self.recordedFile(part.body, size: part.body.count, scrubbing: rules), fileName: fileName,
                    contentType: part.contentType)
            })
        } else {
            postData = HARArchive.PostData(
                mimeType: contentType ?? "application/octet-stream", text: Self.recordedFile(body, size: body.count, scrubbing: rules))
        }
        self.init(
            method: method, url: scrubbedURL,
            headers: headers.map { HARArchive.NameValue(name: $0.name, value: rules.header(name: $0.name, value: $0.value)) },
            queryString: (URLComponents(string: scrubbedURL)?.queryItems ?? []).map { HARArchive.NameValue(name: $0.name, value: $0.value ?? "") },
            postData: postData, bodySize: postData?.params == nil ? body.count : -1)
    }
}
