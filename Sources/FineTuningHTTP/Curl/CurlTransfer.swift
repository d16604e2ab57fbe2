import CCurlShim
import FineTuning
import Foundation
import Synchronization
import HTTPTypes

/// One request on its way through the curl loop: it configures an easy handle, collects the
/// response from curl's callbacks and resumes the waiting task.
///
/// `@unchecked Sendable`: the sending task creates it and hands it to the loop thread once
/// (through the loop's locked inbox); from then on only the loop thread touches it, except the
/// cancellation flag, which is a mutex.
final class CurlTransfer: @unchecked Sendable {
    let request: HTTPRequest
    private let configuration: CurlTransport.Configuration
    var continuation: CheckedContinuation<HTTPResponse, any Error>?
    private let cancellation = Mutex(false)
    private let started = ContinuousClock.now

    private var headerList: UnsafeMutablePointer<curl_slist>?
    private var mime: OpaquePointer?
    private var body: CurlBodySource?
    private var responseHeaders = HTTPHeaders()
    private var responseBody = Data()
    private var responseTooLarge = false
    private let errorBuffer = UnsafeMutablePointer<CChar>.allocate(capacity: Int(CURL_ERROR_SIZE))

    init(request: HTTPRequest, configuration: CurlTransport.Configuration) {
        self.request = request
        self.configuration = configuration
        errorBuffer.initialize(to: 0)
    }

    deinit {
        releaseResources()
        errorBuffer.deallocate()
    }

    var isCancelled: Bool { cancellation.withLock { $0 } }

    func markCancelled() {
        cancellation.withLock { $0 = true }
    }

    /// Sets every option of `easy` for this request. Throws when the body cannot be prepared.
    func configure(_ easy: UnsafeMutableRawPointer) throws {
        let context = Unmanaged.passUnretained(self).toOpaque()
        curl_shim_setopt_string(easy, CURLOPT_URL, request.url.absoluteString)
        curl_shim_setopt_string(easy, CURLOPT_PROTOCOLS_STR, "http,https")
        curl_shim_setopt_string(easy, CURLOPT_REDIR_PROTOCOLS_STR, "http,https")
        curl_shim_setopt_long(easy, CURLOPT_NOSIGNAL, 1)
        curl_shim_setopt_long(easy, CURLOPT_SSL_VERIFYPEER, 1)
        curl_shim_setopt_long(easy, CURLOPT_SSL_VERIFYHOST, 2)
        if let caBundlePath = configuration.caBundlePath { curl_shim_setopt_string(easy, CURLOPT_CAINFO, caBundlePath) }
        if let proxy = configuration.proxy { curl_shim_setopt_string(easy, CURLOPT_PROXY, proxy) }
        curl_shim_setopt_long(easy, CURLOPT_CONNECTTIMEOUT_MS, Self.milliseconds(configuration.connectTimeout))
        curl_shim_setopt_long(easy, CURLOPT_TIMEOUT_MS, Self.milliseconds(request.timeout ?? configuration.timeout))
        curl_shim_setopt_long(easy, CURLOPT_LOW_SPEED_LIMIT, configuration.lowSpeedLimit)
        curl_shim_setopt_long(easy, CURLOPT_LOW_SPEED_TIME, Int(configuration.lowSpeedTime.inSeconds.rounded(.up)))
        curl_shim_setopt_off(easy, CURLOPT_MAXFILESIZE_LARGE, curl_off_t(configuration.maxResponseSize))
        curl_shim_setopt_string(easy, CURLOPT_ACCEPT_ENCODING, "")
        curl_shim_setopt_string(easy, CURLOPT_USERAGENT, configuration.userAgent)
        curl_shim_setopt_long(easy, CURLOPT_TCP_KEEPALIVE, 1)
        // libcurl silently re-sends a request whose reused keep-alive connection dies before the answer,
        // even a POST the server may already have processed (a create would make two jobs). A request
        // that is not idempotent therefore always gets a new connection, so nothing below the
        // idempotency layer (`IdempotentCreate`, `RetryingTransport`) ever sends it twice.
        if !request.isIdempotent { curl_shim_setopt_long(easy, CURLOPT_FRESH_CONNECT, 1) }
        curl_shim_setopt_pointer(easy, CURLOPT_ERRORBUFFER, errorBuffer)

        let method = request.method
        if method == .get || method == .head {
            curl_shim_setopt_long(easy, CURLOPT_FOLLOWLOCATION, 1)
            curl_shim_setopt_long(easy, CURLOPT_MAXREDIRS, configuration.maxRedirects)
        }
        try configureBody(easy, method: method, context: context)
        configureHeaders(easy)

        curl_shim_setopt_pointer(easy, CURLOPT_HEADERDATA, context)
        curl_shim_setopt_header_function(easy) { data, size, count, context in
            let transfer = Unmanaged<CurlTransfer>.fromOpaque(context!).takeUnretainedValue()
            transfer.receiveHeaderLine(UnsafeRawBufferPointer(start: data, count: size * count))
            return size * count
        }
        curl_shim_setopt_pointer(easy, CURLOPT_WRITEDATA, context)
        curl_shim_setopt_write_function(easy) { data, size, count, context in
            let transfer = Unmanaged<CurlTransfer>.fromOpaque(context!).takeUnretainedValue()
            return transfer.receiveBody(UnsafeRawBufferPointer(start: data, count: size * count)) ? size * count : 0
        }
    }

    private func configureBody(_ easy: UnsafeMutableRawPointer, method: HTTPMethod, context: UnsafeMutableRawPointer) throws {
        switch request.body {
        case .empty where [.post, .put, .patch].contains(method):
            try stream(CurlBodySource(data: Data()), easy, context: context)
        case .empty:
            if method == .head { curl_shim_setopt_long(easy, CURLOPT_NOBODY, 1) }
        case .data(let data):
            try stream(CurlBodySource(data: data), easy, context: context)
        case .file(let path):
            try stream(CurlBodySource(path: path), easy, context: context)
        case .multipart(let form):
            mime = try Self.makeMime(form, easy)
            curl_shim_setopt_mime(easy, mime)
        }
        // A body makes curl send POST; every other method with or without a body is named here.
        if ![.get, .head, .post].contains(method) {
            curl_shim_setopt_string(easy, CURLOPT_CUSTOMREQUEST, method.rawValue)
        }
    }

    /// Sends `source` as the body through the read callback, with a Content-Length.
    private func stream(_ source: CurlBodySource, _ easy: UnsafeMutableRawPointer, context: UnsafeMutableRawPointer) throws {
        body = source
        curl_shim_setopt_long(easy, CURLOPT_POST, 1)
        curl_shim_setopt_off(easy, CURLOPT_POSTFIELDSIZE_LARGE, curl_off_t(source.length))
        curl_shim_setopt_long(easy, CURLOPT_UPLOAD_BUFFERSIZE, 1 << 20)
        curl_shim_setopt_pointer(easy, CURLOPT_READDATA, context)
        curl_shim_setopt_read_function(easy) { buffer, size, count, context in
            let transfer = Unmanaged<CurlTransfer>.fromOpaque(context!).takeUnretainedValue()
            let read = transfer.body?.read(into: UnsafeMutableRawBufferPointer(start: buffer, count: size * count))
            return read ?? Int(CURL_READFUNC_ABORT)
        }
        curl_shim_setopt_pointer(easy, CURLOPT_SEEKDATA, context)
        curl_shim_setopt_seek_function(easy) { context, offset, origin in
            let transfer = Unmanaged<CurlTransfer>.fromOpaque(context!).takeUnretainedValue()
            guard origin == SEEK_SET, transfer.body?.seek(to: Int64(offset)) == true else { return CURL_SEEKFUNC_CANTSEEK }
            return CURL_SEEKFUNC_OK
        }
    }

    /// A curl MIME body whose file parts curl streams from disk itself.
    private static func makeMime(_ form: MultipartForm, _ easy: UnsafeMutableRawPointer) throws -> OpaquePointer? {
        let mime = curl_mime_init(easy)
        for part in form.parts {
            let mimePart = curl_mime_addpart(mime)
            switch part {
            case .field(let name, let value):
                curl_mime_name(mimePart, name)
                curl_mime_data(mimePart, value, value.utf8.count)
            case .file(let name, let path, let filename, let contentType):
                guard FileManager.default.isReadableFile(atPath: path), curl_mime_filedata(mimePart, path) == CURLE_OK else {
                    curl_mime_free(mime)
                    throw TransportFailure.unreadableBody.error("cannot read multipart file \(path) for field '\(name)'")
                }
                curl_mime_name(mimePart, name)
                curl_mime_filename(mimePart, filename)
                curl_mime_type(mimePart, contentType)
            }
        }
        return mime
    }

    private func configureHeaders(_ easy: UnsafeMutableRawPointer) {
        // No "Expect: 100-continue" pause before large bodies, and no made-up form Content-Type
        // for a body whose caller named no type (multipart bodies get theirs from curl).
        var lines = ["Expect:"]
        if request.headers["Content-Type"] == nil, !request.body.isMultipart { lines.append("Content-Type:") }
        for (name, value) in request.headers {
            lines.append(value.isEmpty ? "\(name);" : "\(name): \(value)")
        }
        for line in lines { headerList = curl_slist_append(headerList, line) }
        curl_shim_setopt_slist(easy, CURLOPT_HTTPHEADER, headerList)
    }

    private func receiveHeaderLine(_ bytes: UnsafeRawBufferPointer) {
        let line = String(decoding: bytes, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        if line.hasPrefix("HTTP/") {
            // A new response starts (after a redirect or a 100 Continue): forget the previous one.
            responseHeaders = HTTPHeaders()
        } else if let colon = line.firstIndex(of: ":") {
            let name = String(line[..<colon])
            let value = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            responseHeaders.add(name, value)
        }
    }

    /// Appends body bytes; false (which aborts the transfer) once the size limit is passed.
    private func receiveBody(_ bytes: UnsafeRawBufferPointer) -> Bool {
        guard responseBody.count + bytes.count <= configuration.maxResponseSize else {
            responseTooLarge = true
            return false
        }
        responseBody.append(contentsOf: bytes)
        return true
    }

    /// The response, or the error, once curl reports the transfer done with `code`.
    func outcome(_ code: CURLcode, easy: UnsafeMutableRawPointer) -> Result<HTTPResponse, FineTuningError> {
        guard code == CURLE_OK else { return .failure(failure(code)) }
        var status = 0
        curl_shim_getinfo_long(easy, CURLINFO_RESPONSE_CODE, &status)
        var headers = responseHeaders
        if headers["Content-Encoding"] != nil {
            // curl decoded the body; headers describing the encoded form would now mislead.
            headers["Content-Encoding"] = nil
            headers["Content-Length"] = nil
        }
        return .success(HTTPResponse(status: status, headers: headers, body: responseBody))
    }

    private func failure(_ code: CURLcode) -> FineTuningError {
        let kind: TransportFailure
        var reason = String(cString: curl_easy_strerror(code))
        let detail = String(cString: errorBuffer)
        if !detail.isEmpty { reason += ": " + detail }
        switch code {
        case _ where responseTooLarge, CURLE_FILESIZE_EXCEEDED:
            kind = .responseTooLarge
            reason = "response larger than the \(configuration.maxResponseSize)-byte limit"
        case _ where body?.readFailure != nil:
            kind = .unreadableBody
            reason = "reading the request body failed: \(body?.readFailure ?? "")"
        case CURLE_COULDNT_RESOLVE_HOST, CURLE_COULDNT_RESOLVE_PROXY: kind = .hostNotFound
        case CURLE_COULDNT_CONNECT: kind = .connectionRefused
        case CURLE_OPERATION_TIMEDOUT: kind = .timedOut
        case CURLE_SEND_ERROR, CURLE_RECV_ERROR, CURLE_PARTIAL_FILE, CURLE_GOT_NOTHING, CURLE_HTTP2, CURLE_HTTP2_STREAM:
            kind = .connectionLost
        case CURLE_SSL_CONNECT_ERROR, CURLE_PEER_FAILED_VERIFICATION, CURLE_SSL_CERTPROBLEM, CURLE_SSL_CIPHER,
            CURLE_SSL_CACERT_BADFILE, CURLE_SSL_ISSUER_ERROR, CURLE_SSL_PINNEDPUBKEYNOTMATCH:
            kind = .tls
        default: kind = .other
        }
        let message = Redaction.standard.text("\(request.method) \(Redaction.standard.url(request.url)) failed: \(reason)")
        return kind.error(message)
    }

    /// One redacted log line about the finished exchange.
    func logLine(_ outcome: Result<HTTPResponse, FineTuningError>) -> String {
        let elapsed = ContinuousClock.now - started
        let milliseconds = elapsed.components.seconds * 1000 + elapsed.components.attoseconds / 1_000_000_000_000_000
        let result = switch outcome {
        case .success(let response): "\(response.status) (\(response.body.count) bytes)"
        case .failure(let error): "failed: \(error.message)"
        }
        return Redaction.standard.text("\(request.method) \(Redaction.standard.url(request.url)) -> \(result) in \(milliseconds) ms")
    }

    /// Hands the outcome to the waiting task. Called once, on the loop thread.
    func resume(_ outcome: Result<HTTPResponse, FineTuningError>) {
        continuation?.resume(with: outcome.mapError { $0 as any Error })
        continuation = nil
    }

    /// Frees what curl used during the transfer; the easy handle must no longer point at it.
    func releaseResources() {
        curl_slist_free_all(headerList)
        headerList = nil
        curl_mime_free(mime)
        mime = nil
        body = nil
    }

    private static func milliseconds(_ duration: Duration) -> Int {
        Int((duration.inSeconds * 1000).rounded(.up))
    }
}

extension HTTPBody {
    fileprivate var isMultipart: Bool {
        if case .multipart = self { return true }
        return false
    }
}
