import Foundation

// Printing a request, response or header list never shows a secret: these descriptions go
// through `Redaction`, and bodies are summarized rather than dumped.

extension HTTPHeaders: CustomStringConvertible, CustomDebugStringConvertible {
    public var description: String {
        Redaction.standard.headers(self).map { "\($0.name): \($0.value)" }.joined(separator: ", ")
    }

    public var debugDescription: String { "HTTPHeaders(\(description))" }
}

extension HTTPBody: CustomStringConvertible {
    public var description: String {
        switch self {
        case .empty: "no body"
        case .data(let data): "\(data.count) bytes"
        case .file(let path): "file \(path)"
        case .multipart(let form): "multipart (\(form.parts.count) parts)"
        }
    }
}

extension HTTPRequest: CustomStringConvertible, CustomDebugStringConvertible {
    public var description: String {
        "\(method) \(Redaction.standard.url(url)) [\(headers)] \(body)"
    }

    public var debugDescription: String { "HTTPRequest(\(description))" }
}

extension HTTPResponse: CustomStringConvertible, CustomDebugStringConvertible {
    public var description: String {
        "HTTP \(status) [\(headers)] \(body.count) bytes"
    }

    public var debugDescription: String { "HTTPResponse(\(description))" }
}
