import FineTuning
import FineTuningTestSupport
import Foundation
import Testing

@testable import FineTuningHTTP

@Suite struct CurlTransportTests {
    @Test func getReturnsStatusHeadersAndBody() async throws {
        let server = try TestHTTPServer { request in
            .json(#"{"id":"ftjob-1","path":"\#(request.path)"}"#, headers: [("X-Request-Id", "abc")])
        }
        let response = try await CurlTransport().send(HTTPRequest(method: "GET", url: server.url("/v1/jobs/1")))
        #expect(response.status == 200)
        #expect(response.headers["x-request-id"] == "abc")
        #expect(String(decoding: response.body, as: UTF8.self) == #"{"id":"ftjob-1","path":"/v1/jobs/1"}"#)
    }
}
