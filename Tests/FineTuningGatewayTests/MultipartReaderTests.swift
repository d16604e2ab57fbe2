import Testing
@testable import FineTuningGateway

/// The streaming multipart parser gives the same parts whatever the chunking, including a boundary
/// split across chunks and content that contains boundary-like bytes.
@Suite struct MultipartReaderTests {
    static let body = Array((
        "--XyZ\r\nContent-Disposition: form-data; name=\"purpose\"\r\n\r\nfine-tune\r\n"
            + "--XyZ\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.jsonl\"\r\nContent-Type: application/jsonl\r\n\r\n"
            + "line one\r\n-- XyZ is not the boundary\r\n--Xy\r\nline two\n\r\n--XyZ--\r\n"
    ).utf8)

    /// Feeds the body in chunks of `size` and returns the fields' contents by name.
    func parse(chunkSize size: Int) throws -> (fields: [String: String], complete: Bool) {
        var reader = MultipartReader(boundary: "XyZ")
        var fields: [String: String] = [:]
        var name: String?
        var content: [UInt8] = []
        var index = 0
        while index < Self.body.count {
            let chunk = Self.body[index..<min(Self.body.count, index + size)]
            index += size
            for event in try reader.feed(chunk) {
                switch event {
                case .partStart(let headers):
                    name = MultipartReader.dispositionParameters(headers["content-disposition"] ?? "")["name"]
                    content = []
                case .content(let bytes): content += bytes
                case .partEnd: fields[name ?? "?"] = String(decoding: content, as: UTF8.self)
                }
            }
        }
        return (fields, reader.isComplete)
    }

    @Test(arguments: [1, 2, 3, 5, 7, 16, 1000])
    func sameResultForEveryChunking(size: Int) throws {
        let result = try parse(chunkSize: size)
        #expect(result.complete)
        #expect(result.fields["purpose"] == "fine-tune")
        #expect(result.fields["file"] == "line one\r\n-- XyZ is not the boundary\r\n--Xy\r\nline two\n")
    }

    @Test func boundaryFromContentType() {
        #expect(MultipartReader.boundary(contentType: "multipart/form-data; boundary=abc") == "abc")
        #expect(MultipartReader.boundary(contentType: "multipart/form-data; boundary=\"a b\"") == "a b")
        #expect(MultipartReader.boundary(contentType: "application/json") == nil)
    }

    @Test func truncatedBodyIsNotComplete() throws {
        var reader = MultipartReader(boundary: "XyZ")
        _ = try reader.feed(Self.body.prefix(Self.body.count - 10))
        #expect(!reader.isComplete)
    }
}
