import Foundation

/// Serializes a `TestHTTPResponse` onto a connection, carrying out its scripted faults.
enum ResponseWriter {
    /// Writes `response`; false when the connection must not be used again (fault or dead peer).
    static func write(_ response: TestHTTPResponse, for request: TestHTTPRequest, keepAlive: Bool, to connection: SocketConnection) -> Bool {
        if response.delay > 0 { Thread.sleep(forTimeInterval: response.delay) }
        if response.fault == .closeWithoutResponse { return false }
        if response.fault == .resetWithoutResponse {
            connection.resetOnClose()
            return false
        }

        let body = request.method == "HEAD" ? [] : [UInt8](response.body)
        var head = "HTTP/1.1 \(response.status) \(reasonPhrase(response.status))\r\n"
        for (name, value) in response.headers { head += "\(name): \(value)\r\n" }
        head += response.chunked ? "Transfer-Encoding: chunked\r\n" : "Content-Length: \(response.body.count)\r\n"
        if !keepAlive { head += "Connection: close\r\n" }
        head += "\r\n"
        let headBytes = Array(head.utf8)

        switch response.fault {
        case .truncateBody(let sentBytes):
            connection.write(headBytes + body.prefix(sentBytes))
            return false
        case .resetAfter(let sentBytes):
            connection.write(headBytes + body.prefix(sentBytes))
            connection.resetOnClose()
            return false
        case .closeWithoutResponse, .resetWithoutResponse, nil:
            break
        }
        guard response.chunked else { return connection.write(headBytes + body) }
        guard connection.write(headBytes) else { return false }
        var offset = 0
        while offset < body.count {
            let piece = body[offset..<min(offset + 1024, body.count)]
            guard connection.write(Array((String(piece.count, radix: 16) + "\r\n").utf8) + piece + [13, 10]) else { return false }
            offset += piece.count
        }
        return connection.write(Array("0\r\n\r\n".utf8))
    }

    private static func reasonPhrase(_ status: Int) -> String {
        switch status {
        case 200: "OK"
        case 201: "Created"
        case 204: "No Content"
        case 301: "Moved Permanently"
        case 302: "Found"
        case 400: "Bad Request"
        case 401: "Unauthorized"
        case 404: "Not Found"
        case 408: "Request Timeout"
        case 429: "Too Many Requests"
        case 500: "Internal Server Error"
        case 503: "Service Unavailable"
        default: "Status"
        }
    }
}
