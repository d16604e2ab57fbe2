import FineTuning
import FineTuningTestSupport
import Foundation
import Testing

@testable import FineTuningHTTP
import Logging

@Suite struct CurlTransportTests {
    let transport = CurlTransport()

    @Test func getReturnsStatusHeadersAndBody() async throws {
        let server = try TestHTTPServer { request in
            .json(#"{"id":"ftjob-1","path":"\#(request.path)"}"#, headers: [("X-Request-Id", "abc")])
        }
        let response = try await transport.send(HTTPRequest(method: .get, url: server.url("/v1/jobs/1")))
        #expect(response.status == 200)
        #expect(response.headers["x-request-id"] == "abc")
        #expect(String(decoding: response.body, as: UTF8.self) == #"{"id":"ftjob-1","path":"/v1/jobs/1"}"#)
    }

    @Test func sendsMethodHeadersAndBody() async throws {
        let server = try TestHTTPServer { request in
            .text("\(request.method) \(request.header("Content-Type") ?? "-") \(request.header("X-Custom") ?? "-") \(request.bodyText)")
        }
        for method: HTTPMethod in [.post, .put, .patch, .delete] {
            let request = HTTPRequest(
                method: method, url: server.url("/v1/jobs"), headers: ["Content-Type": "application/json", "X-Custom": "yes"],
                body: .data(Data(#"{"model":"m"}"#.utf8)))
            let response = try await transport.send(request)
            #expect(String(decoding: response.body, as: UTF8.self) == #"\#(method) application/json yes {"model":"m"}"#)
        }
        let emptyPost = try await transport.send(HTTPRequest(method: .post, url: server.url("/v1/jobs/1/cancel")))
        #expect(String(decoding: emptyPost.body, as: UTF8.self) == "POST - - ")
        #expect(server.requests.last?.header("Content-Length") == "0")
    }

    @Test func reusesOneConnectionForSequentialRequests() async throws {
        let server = try TestHTTPServer { _ in .json(#"{"status":"running"}"#) }
        for _ in 0..<25 {
            let response = try await transport.send(HTTPRequest(method: .get, url: server.url("/v1/jobs/1")))
            #expect(response.status == 200)
        }
        #expect(server.acceptedConnections == 1)
    }

    @Test func runsConcurrentRequests() async throws {
        let server = try TestHTTPServer { request in .text(request.path, headers: []) }
        let transport = self.transport
        let paths = try await withThrowingTaskGroup(of: String.self) { group in
            for index in 0..<16 {
                group.addTask {
                    let response = try await transport.send(HTTPRequest(method: .get, url: server.url("/jobs/\(index)")))
                    return String(decoding: response.body, as: UTF8.self)
                }
            }
            return try await group.reduce(into: Set<String>()) { $0.insert($1) }
        }
        #expect(paths == Set((0..<16).map { "/jobs/\($0)" }))
    }

    @Test func slowResponseTimesOut() async throws {
        // The server would answer after 30 s; the 300 ms timeout must end the transfer at 300 ms.
        // The time is the transport's own, logged on its dedicated loop thread when curl gives up, so
        // it does not include the wait for a cooperative-pool thread to resume this task (seconds while
        // other suites load the 2 CI cores). The bound leaves 1.7 s for curl's timer and the loop
        // thread's scheduling, and still catches a timeout ignored (30 s) or taken ten times too long.
        let log = CapturedLog()
        let transport = CurlTransport(configuration: .init(logger: log.logger()))
        let server = try TestHTTPServer { _ in TestHTTPResponse(status: 200, delay: 30) }
        let error = await fineTuningError {
            _ = try await transport.send(HTTPRequest(method: .get, url: server.url("/slow"), timeout: .milliseconds(300)))
        }
        #expect(error?.code == .timeout)
        #expect(error?.transportFailure == .timedOut)
        let line = try #require(log.messages.first { $0.hasPrefix("GET http://127.0.0.1:\(server.port)/slow -> failed") })
        let milliseconds = try #require(line.split(separator: " ").dropLast().last.flatMap { Int($0) }, "\(line)")
        #expect((300..<2000).contains(milliseconds), "\(line)")
    }

    @Test func slowButTimelyResponseSucceeds() async throws {
        let server = try TestHTTPServer { _ in TestHTTPResponse(status: 200, body: Data("late".utf8), delay: 0.3) }
        let response = try await transport.send(HTTPRequest(method: .get, url: server.url("/slow"), timeout: .seconds(5)))
        #expect(String(decoding: response.body, as: UTF8.self) == "late")
    }

    @Test func connectionResetMidBodyIsATransportError() async throws {
        let body = Data(String(repeating: "x", count: 100_000).utf8)
        let server = try TestHTTPServer { _ in TestHTTPResponse(body: body, fault: .resetAfter(sentBytes: 1000)) }
        let error = await fineTuningError { _ = try await transport.send(HTTPRequest(method: .get, url: server.url("/reset"))) }
        #expect(error?.code == .transport)
        #expect(error?.transportFailure == .connectionLost)
    }

    @Test func truncatedBodyIsATransportError() async throws {
        let server = try TestHTTPServer { _ in
            TestHTTPResponse(body: Data(#"{"id":"ftjob-1","status":"running"}"#.utf8), fault: .truncateBody(sentBytes: 10))
        }
        let error = await fineTuningError { _ = try await transport.send(HTTPRequest(method: .get, url: server.url("/cut"))) }
        #expect(error?.transportFailure == .connectionLost)
        #expect(error?.message.contains("GET http://127.0.0.1:\(server.port)/cut") == true)
    }

    @Test func closedWithoutResponseIsATransportError() async throws {
        let server = try TestHTTPServer { _ in TestHTTPResponse(fault: .closeWithoutResponse) }
        let error = await fineTuningError { _ = try await transport.send(HTTPRequest(method: .get, url: server.url("/gone"))) }
        #expect(error?.transportFailure == .connectionLost)
    }

    @Test func followsRedirectsForGetOnly() async throws {
        let server = try TestHTTPServer { request in
            switch request.path {
            case "/old": .redirect(to: "/new")
            case "/loop": .redirect(to: "/loop")
            default: .text("\(request.method) \(request.path)")
            }
        }
        let get = try await transport.send(HTTPRequest(method: .get, url: server.url("/old")))
        #expect(String(decoding: get.body, as: UTF8.self) == "GET /new")

        let post = try await transport.send(HTTPRequest(method: .post, url: server.url("/old"), body: .data(Data("{}".utf8))))
        #expect(post.status == 302)
        #expect(post.headers["Location"] == "/new")

        let limited = CurlTransport(configuration: .init(maxRedirects: 3))
        let error = await fineTuningError { _ = try await limited.send(HTTPRequest(method: .get, url: server.url("/loop"))) }
        #expect(error?.code == .transport)
        #expect(server.requests.filter { $0.path == "/loop" }.count == 4)
    }

    @Test func decodesGzipAndChunkedBodies() async throws {
        let json = #"{"object":"list","data":[\#(Array(repeating: #"{"id":"ftjob"}"#, count: 200).joined(separator: ","))]}"#
        let server = try TestHTTPServer { request in
            var response = request.path == "/gzip" ? TestHTTPResponse.gzipped(json) : .json(json)
            response.chunked = request.path == "/chunked"
            return response
        }
        let gzip = try await transport.send(HTTPRequest(method: .get, url: server.url("/gzip")))
        #expect(String(decoding: gzip.body, as: UTF8.self) == json)
        #expect(gzip.headers["Content-Encoding"] == nil)
        #expect(server.requests.first?.header("Accept-Encoding")?.contains("gzip") == true)
        let chunked = try await transport.send(HTTPRequest(method: .get, url: server.url("/chunked")))
        #expect(String(decoding: chunked.body, as: UTF8.self) == json)
    }

    @Test func rejectsResponsesOverTheSizeLimit() async throws {
        let server = try TestHTTPServer { request in
            TestHTTPResponse(body: Data(repeating: 65, count: 5000), chunked: request.path == "/chunked")
        }
        let limited = CurlTransport(configuration: .init(maxResponseSize: 1000))
        for path in ["/sized", "/chunked"] {
            let error = await fineTuningError { _ = try await limited.send(HTTPRequest(method: .get, url: server.url(path))) }
            #expect(error?.transportFailure == .responseTooLarge, "\(path)")
        }
    }

    @Test func streamsFileAndMultipartBodies() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.cleanup() }
        let lines = (0..<1000).map { #"{"messages":[{"role":"user","content":"example \#($0)"}]}"# }.joined(separator: "\n")
        let file = try directory.file("train.jsonl", contents: lines)
        let server = try TestHTTPServer { _ in .json("{}") }

        _ = try await transport.send(HTTPRequest(
            method: .put, url: server.url("/upload/storage/v1/b/bucket/o?uploadType=media&name=train.jsonl"),
            headers: ["Content-Type": "application/jsonl"], body: .file(path: file.path)))
        let upload = try #require(server.requests.last)
        #expect(upload.method == "PUT")
        #expect(upload.bodyText == lines)
        #expect(upload.header("Content-Length") == String(lines.utf8.count))

        let form = MultipartForm(parts: [
            .field(name: "purpose", value: "fine-tune"),
            .file(name: "file", path: file.path, filename: "train.jsonl", contentType: "application/jsonl"),
        ])
        _ = try await transport.send(HTTPRequest(method: .post, url: server.url("/v1/files"), body: .multipart(form)))
        let multipart = try #require(server.requests.last)
        #expect(multipart.header("Content-Type")?.hasPrefix("multipart/form-data; boundary=") == true)
        #expect(multipart.bodyText.contains("name=\"purpose\"\r\n\r\nfine-tune\r\n"))
        #expect(multipart.bodyText.contains("name=\"file\"; filename=\"train.jsonl\"\r\nContent-Type: application/jsonl\r\n\r\n\(lines)\r\n"))
    }

    @Test func unreadableBodyFileFailsBeforeSending() async throws {
        let server = try TestHTTPServer { _ in .json("{}") }
        let missing = HTTPRequest(method: .post, url: server.url("/v1/files"), body: .file(path: "/nonexistent/train.jsonl"))
        #expect(await fineTuningError { _ = try await transport.send(missing) }?.transportFailure == .unreadableBody)
        let form = MultipartForm(parts: [.file(name: "file", path: "/nonexistent/train.jsonl", filename: "t", contentType: "text/plain")])
        let missingPart = HTTPRequest(method: .post, url: server.url("/v1/files"), body: .multipart(form))
        #expect(await fineTuningError { _ = try await transport.send(missingPart) }?.transportFailure == .unreadableBody)
        #expect(server.requests.isEmpty)
    }

    @Test(.enabled(if: residentMemoryIsMeasurable, residentMemoryUnmeasurable))
    func uploadsOneGigabyteWithFlatMemory() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.cleanup() }
        let size = 1 << 30
        let file = directory.url.appendingPathComponent("large.jsonl")
        #expect(FileManager.default.createFile(atPath: file.path, contents: nil))
        let handle = try FileHandle(forWritingTo: file)
        try handle.truncate(atOffset: UInt64(size))  // sparse: no disk space, reads as zeros
        try handle.close()

        let server = try TestHTTPServer(bodyStorageLimit: 0) { request in .text(String(request.bodyByteCount)) }
        _ = try await transport.send(HTTPRequest(method: .get, url: server.url("/warm-up")))
        let before = try #require(residentMemory())
        let response = try await transport.send(HTTPRequest(method: .post, url: server.url("/upload"), body: .file(path: file.path)))
        let after = try #require(residentMemory())
        #expect(String(decoding: response.body, as: UTF8.self) == String(size))
        #expect(server.receivedBodyBytes == size)
        #expect(after - before < 64 << 20, "RSS grew by \((after - before) >> 20) MB during a 1 GB upload")
    }

    @Test func connectionRefusedIsMarkedNotSent() async throws {
        let refused = try RefusingPort()
        defer { withExtendedLifetime(refused) {} }
        let error = await fineTuningError { _ = try await transport.send(HTTPRequest(method: .post, url: refused.url("/v1/jobs"))) }
        #expect(error?.transportFailure == .connectionRefused)
        #expect(error?.transportFailure?.requestWasNotSent == true)
    }

    @Test func cancellingTheTaskAbortsTheRequest() async throws {
        // The server would answer after 60 s; ending well before proves the abort, with room for a
        // loaded machine to resume this task.
        let server = try TestHTTPServer { _ in TestHTTPResponse(delay: 60) }
        let transport = self.transport
        let task = Task { try await transport.send(HTTPRequest(method: .get, url: server.url("/slow"))) }
        try await Task.sleep(for: .milliseconds(100))
        let started = ContinuousClock.now
        task.cancel()
        let error = await fineTuningError { _ = try await task.value }
        #expect(error?.code == .cancelled)
        #expect(ContinuousClock.now - started < .seconds(30))
    }

    @Test func errorsAndLogLinesCarryNoSecrets() async throws {
        let log = CapturedLog()
        let transport = CurlTransport(configuration: .init(logger: log.logger()))
        let server = try TestHTTPServer { _ in .json("{}") }
        _ = try await transport.send(HTTPRequest(
            method: .get, url: server.url("/v1/models?key=AIzaSECRET123&alt=json"), headers: ["Authorization": "Bearer sk-SECRET"]))
        let refused = try RefusingPort()
        defer { withExtendedLifetime(refused) {} }
        let error = await fineTuningError {
            _ = try await transport.send(HTTPRequest(method: .get, url: refused.url("/v1/jobs?access_token=ya29.SECRET&sig=SIGSECRET")))
        }
        let texts = log.messages + [try #require(error).description]
        #expect(texts.count == 3)
        for text in texts {
            #expect(!text.contains("SECRET"), "\(text)")
        }
        #expect(log.messages[0].contains("key=REDACTED&alt=json"))
        #expect(log.records.map(\.level) == [.debug, .debug])
    }

    @Test func usesProxyFromEnvironment() async throws {
        let proxy = try TestHTTPServer { request in .text("proxied \(request.target)") }
        setenv("no_proxy", "127.0.0.1,localhost", 1)
        setenv("http_proxy", proxy.baseURL.absoluteString, 1)
        defer { unsetenv("http_proxy") }
        let response = try await transport.send(HTTPRequest(method: .get, url: URL(string: "http://provider.invalid/v1/jobs")!))
        #expect(String(decoding: response.body, as: UTF8.self) == "proxied http://provider.invalid/v1/jobs")
    }
}
