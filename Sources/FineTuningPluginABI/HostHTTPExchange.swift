import FineTuning
package import FineTuningHTTP
package import Foundation

/// The JSON form of the host's HTTP service (`finetune_host_v1.http`): a request the plugin
/// sends and the response it gets back. Headers are `[name, value]` pairs, in order.
package enum HostHTTPExchange {
    package struct Request: Codable, Sendable {
        var method: String
        var url: String
        var headers: [[String]]?
        var body: String?
        var bodyBase64: String?
        var timeout: Double?
        var idempotent: Bool?
        /// false: the host sends the request once, without retrying error statuses (a request that
        /// certainly never left is still re-sent); the plugin classifies the answer itself and says
        /// in its error document whether the operation may be retried (`retryable`).
        var retry: Bool?
        /// A multipart/form-data body (ABI 1.1) in place of `body`: file parts are paths the host
        /// streams from disk, so a plugin uploads a file without holding it in memory.
        var multipart: [MultipartPart]?

        package init(_ request: HTTPRequest) throws {
            method = request.method.rawValue
            url = request.url.absoluteString
            headers = request.headers.map { [$0.name, $0.value] }
            timeout = request.timeout?.inSeconds
            idempotent = request.isIdempotent
            switch request.body {
            case .empty: break
            case .data(let data):
                if let text = String(data: data, encoding: .utf8) { body = text } else { bodyBase64 = data.base64EncodedString() }
            case .multipart(let form):
                multipart = form.parts.map(MultipartPart.init)
            case .file:
                throw FineTuningError(.unsupported, "the host HTTP service carries in-memory and multipart bodies only; read the file into the request body")
            }
        }

        /// Decodes a plugin's request; text that is not the documented JSON is an `invalid_request`.
        package init(json: Data) throws {
            do {
                self = try JSONDecoder().decode(Self.self, from: json)
            } catch {
                throw FineTuningError(.invalidRequest, "host http: the request is not the documented JSON: \(error)")
            }
        }

        /// The transport's request; a malformed one is an `invalid_request` naming the field.
        package func httpRequest() throws -> HTTPRequest {
            guard let url = URL(string: url), url.scheme != nil else {
                throw FineTuningError(.invalidRequest, "host http: '\(self.url)' is not an absolute URL", parameter: "url")
            }
            var fields = HTTPHeaders()
            for pair in headers ?? [] {
                guard pair.count == 2 else {
                    throw FineTuningError(.invalidRequest, "host http: each header must be [name, value]", parameter: "headers")
                }
                fields.add(pair[0], pair[1])
            }
            var payload = HTTPBody.empty
            if let body {
                payload = .data(Data(body.utf8))
            } else if let bodyBase64 {
                guard let data = Data(base64Encoded: bodyBase64) else {
                    throw FineTuningError(.invalidRequest, "host http: body_base64 is not base64", parameter: "body_base64")
                }
                payload = .data(data)
            }
            if let multipart {
                guard body == nil, bodyBase64 == nil else {
                    throw FineTuningError(.invalidRequest, "host http: give multipart or body, not both", parameter: "multipart")
                }
                payload = .multipart(MultipartForm(parts: try multipart.map { try $0.part() }))
            }
            guard let method = HTTPMethod(method.uppercased()) else {
                throw FineTuningError(.invalidRequest, "host http: '\(self.method)' is not an HTTP method", parameter: "method")
            }
            var checkedTimeout: Duration?
            if let timeout {
                guard let duration = Duration.checkedSeconds(timeout) else {
                    throw FineTuningError(.invalidRequest, "host http: timeout must be a number of seconds from 0 to \(Int(Duration.longestCheckedSeconds)), got \(timeout)", parameter: "timeout")
                }
                checkedTimeout = duration
            }
            // The retry layer re-sends only idempotent requests after an error status: a request the
            // plugin retries itself is marked not idempotent, which leaves it exactly one attempt.
            let sentOnce = retry == false ? false : idempotent
            return HTTPRequest(method: method, url: url, headers: fields, body: payload, timeout: checkedTimeout, isIdempotent: sentOnce)
        }

        enum CodingKeys: String, CodingKey {
            case method, url, headers, body, bodyBase64 = "body_base64", timeout, idempotent, retry, multipart
        }
    }

    /// One part of a multipart body: a field (`value`) or a file (`file`, a path the host reads).
    package struct MultipartPart: Codable, Sendable {
        var name: String
        var value: String?
        var file: String?
        var filename: String?
        var contentType: String?

        init(_ part: MultipartForm.Part) {
            switch part {
            case .field(let name, let value):
                self.name = name
                self.value = value
            case .file(let name, let path, let filename, let contentType):
                self.name = name
                self.file = path
                self.filename = filename
                self.contentType = contentType
            }
        }

        func part() throws -> MultipartForm.Part {
            switch (value, file) {
            case (let value?, nil): return .field(name: name, value: value)
            case (nil, let path?):
                return .file(
                    name: name, path: path, filename: filename ?? URL(fileURLWithPath: path).lastPathComponent,
                    contentType: contentType ?? "application/octet-stream")
            default:
                throw FineTuningError(.invalidRequest, "host http: multipart part '\(name)' needs exactly one of value and file", parameter: "multipart")
            }
        }

        enum CodingKeys: String, CodingKey {
            case name, value, file, filename, contentType = "content_type"
        }
    }

    package struct Response: Codable, Sendable {
        var status: Int
        var headers: [[String]]
        var body: String?
        var bodyBase64: String?

        package init(_ response: HTTPResponse) {
            status = response.status
            headers = response.headers.map { [$0.name, $0.value] }
            if let text = String(data: response.body, encoding: .utf8) { body = text } else { bodyBase64 = response.body.base64EncodedString() }
        }

        package var httpResponse: HTTPResponse {
            var fields = HTTPHeaders()
            for pair in headers where pair.count == 2 { fields.add(pair[0], pair[1]) }
            let data = body.map { Data($0.utf8) } ?? bodyBase64.flatMap { Data(base64Encoded: $0) } ?? Data()
            return HTTPResponse(status: status, headers: fields, body: data)
        }

        enum CodingKeys: String, CodingKey {
            case status, headers, body, bodyBase64 = "body_base64"
        }
    }
}
