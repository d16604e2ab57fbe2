import FineTuning
import FineTuningTestSupport
import Foundation
import Testing

@testable import FineTuningHTTP

/// A request read off the wire by a server takes the same scrubbed HAR form as the request the
/// client built, so a loopback server answering from a HAR matches it as the in-process replay does.
@Suite struct HARReceivedRequestTests {
    struct Case: Sendable, CustomTestStringConvertible {
        let testDescription: String
        /// The request to send to `base`, with local files under `folder`.
        let request: @Sendable (_ base: URL, _ folder: URL) throws -> HTTPRequest
    }

    static func file(_ name: String, _ contents: Data, in folder: URL) throws -> String {
        let url = folder.appendingPathComponent(name)
        try contents.write(to: url)
        return url.path
    }

    static let cases: [Case] = [
        Case(testDescription: "JSON body, a key in the query") { base, _ in
            HTTPRequest(
                method: .post, url: URL(string: base.absoluteString + "/v1/projects/123456789/jobs?key=AIzaSECRET&alt=json")!,
                headers: ["Content-Type": "application/json"], body: .data(Data(#"{"epochs":3,"api_key":"sk-secret"}"#.utf8)))
        },
        Case(testDescription: "file body") { base, folder in
            HTTPRequest(
                method: .put, url: base.appendingPathComponent("bucket/train.jsonl"), headers: ["Content-Type": "application/jsonl"],
                body: .file(path: try file("train.jsonl", Data("{\"text\":\"é\"}\n".utf8), in: folder)))
        },
        Case(testDescription: "file body larger than the recorded limit") { base, folder in
            HTTPRequest(
                method: .put, url: base.appendingPathComponent("bucket/big.jsonl"), headers: ["Content-Type": "application/jsonl"],
                body: .file(path: try file("big.jsonl", Data(repeating: 0x61, count: HARArchive.Request.recordedFileLimit + 1), in: folder)))
        },
        Case(testDescription: "multipart with a text file and a binary file") { base, folder in
            HTTPRequest(method: .post, url: base.appendingPathComponent("v1/files"), body: .multipart(MultipartForm(parts: [
                .field(name: "purpose", value: "fine-tune"),
                .file(name: "file", path: try file("train.jsonl", Data("{\"a\":1}\r\n--not-a-boundary\r\n".utf8), in: folder), filename: "train.jsonl", contentType: "application/jsonl"),
                .file(name: "weights", path: try file("w.bin", Data([0xFF, 0xFE, 0x00, 0x0D, 0x0A]), in: folder), filename: "w.bin", contentType: "application/octet-stream"),
            ])))
        },
    ]

    @Test(arguments: cases)
    func theWireFormMatchesTheClientForm(_ testCase: Case) async throws {
        let directory = try TemporaryDirectory()
        defer { directory.cleanup() }
        let server = try TestHTTPServer { _ in .json("{}") }
        let request = try testCase.request(server.baseURL, directory.url)

        _ = try await CurlTransport().send(request)

        let received = try #require(server.requests.first)
        let wire = HARArchive.Request(
            method: received.method, url: try #require(URL(string: server.baseURL.absoluteString + received.target)), headers: received.headers,
            body: received.body, scrubbing: .standard)
        let client = HARArchive.Request(request, scrubbing: .standard)
        #expect(wire.url == client.url)
        #expect(wire.postData == client.postData)
        #expect(HARRequestComparison.difference(recorded: client, sent: wire) == nil)
        #expect(!wire.url.contains("SECRET") && wire.postData?.text?.contains("sk-secret") != true)
    }

    @Test func aBodyThatIsNotFramedByItsBoundaryIsNotMultipart() {
        let contentType = "multipart/form-data; boundary=xyz"
        let framed = Data("--xyz\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n1\r\n--xyz--\r\n".utf8)
        #expect(MultipartFormData.parts(of: framed, contentType: contentType)?.map(\.name) == ["a"])
        #expect(MultipartFormData.parts(of: Data("--xyz\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n1".utf8), contentType: contentType) == nil)
        #expect(MultipartFormData.parts(of: framed, contentType: "multipart/form-data") == nil)
        #expect(MultipartFormData.parts(of: framed, contentType: "application/json") == nil)
    }
}
