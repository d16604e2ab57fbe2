import FineTuning
public import Foundation

/// An HTTP Archive (HAR 1.2): the fixture format of the conformance suite, readable by browser
/// dev tools and other HAR tools. Fields that hand-written fixtures may leave out are optional;
/// archives written by `HARRecordingTransport` fill them in.
public struct HARArchive: Codable, Sendable, Hashable {
    public var log: Log

    public init(entries: [Entry] = [], creator: Creator = Creator(name: "swift-finetuning", version: "1")) {
        log = Log(version: "1.2", creator: creator, entries: entries)
    }

    public var entries: [Entry] {
        get { log.entries }
        set { log.entries = newValue }
    }

    /// Reads an archive; a missing or malformed file is a `configuration` error naming it.
    public init(contentsOf url: URL) throws {
        do {
            self = try JSONDecoder().decode(HARArchive.self, from: Data(contentsOf: url))
        } catch {
            throw FineTuningError(.configuration, "cannot read HAR archive \(url.path): \(error)")
        }
    }

    /// Writes the archive as pretty JSON with sorted keys (stable diffs), atomically.
    public func write(to url: URL) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = Self.outputFormatting
        try encoder.encode(self).write(to: url, options: .atomic)
    }

    /// How archives are written: pretty, with sorted keys and unescaped slashes.
    static let outputFormatting: JSONEncoder.OutputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]

    public struct Log: Codable, Sendable, Hashable {
        public var version: String
        public var creator: Creator
        public var entries: [Entry]
    }

    public struct Creator: Codable, Sendable, Hashable {
        public var name: String
        public var version: String

        public init(name: String, version: String) {
            self.name = name
            self.version = version
        }
    }

    /// One request and the response it got.
    public struct Entry: Codable, Sendable, Hashable {
        public var startedDateTime: String?
        /// Milliseconds the exchange took.
        public var time: Double?
        public var request: Request
        public var response: Response
        public var cache: Cache?
        public var timings: Timings?
        public var comment: String?

        public init(
            request: Request, response: Response, startedDateTime: String? = nil, time: Double? = nil, comment: String? = nil
        ) {
            self.request = request
            self.response = response
            self.startedDateTime = startedDateTime
            self.time = time
            self.cache = Cache()
            self.timings = Timings(send: 0, wait: time ?? 0, receive: 0)
            self.comment = comment
        }
    }

    public struct Request: Codable, Sendable, Hashable {
        public var method: String
        public var url: String
        public var httpVersion: String?
        public var cookies: [NameValue]?
        public var headers: [NameValue]
        public var queryString: [NameValue]?
        public var postData: PostData?
        public var headersSize: Int?
        public var bodySize: Int?

        public init(method: String, url: String, headers: [NameValue] = [], queryString: [NameValue] = [], postData: PostData? = nil, bodySize: Int = 0) {
            self.method = method
            self.url = url
            self.httpVersion = "HTTP/1.1"
            self.cookies = []
            self.headers = headers
            self.queryString = queryString
            self.postData = postData
            self.headersSize = -1
            self.bodySize = bodySize
        }
    }

    public struct PostData: Codable, Sendable, Hashable {
        public var mimeType: String
        public var text: String?
        /// Multipart fields and files.
        public var params: [Param]?

        public init(mimeType: String, text: String? = nil, params: [Param]? = nil) {
            self.mimeType = mimeType
            self.text = text
            self.params = params
        }
    }

    public struct Param: Codable, Sendable, Hashable {
        public var name: String
        public var value: String?
        public var fileName: String?
        public var contentType: String?

        public init(name: String, value: String? = nil, fileName: String? = nil, contentType: String? = nil) {
            self.name = name
            self.value = value
            self.fileName = fileName
            self.contentType = contentType
        }
    }

    public struct Response: Codable, Sendable, Hashable {
        public var status: Int
        public var statusText: String?
        public var httpVersion: String?
        public var cookies: [NameValue]?
        public var headers: [NameValue]
        public var content: Content
        public var redirectURL: String?
        public var headersSize: Int?
        public var bodySize: Int?

        public init(status: Int, headers: [NameValue] = [], content: Content) {
            self.status = status
            self.statusText = ""
            self.httpVersion = "HTTP/1.1"
            self.cookies = []
            self.headers = headers
            self.content = content
            self.redirectURL = ""
            self.headersSize = -1
            self.bodySize = content.size
        }
    }

    public struct Content: Codable, Sendable, Hashable {
        public var size: Int
        public var mimeType: String?
        /// The body as text, or base64 when `encoding` is "base64". Replayed byte for byte, even
        /// when it is deliberately truncated JSON.
        public var text: String?
        public var encoding: String?

        public init(size: Int, mimeType: String? = nil, text: String? = nil, encoding: String? = nil) {
            self.size = size
            self.mimeType = mimeType
            self.text = text
            self.encoding = encoding
        }
    }

    public struct NameValue: Codable, Sendable, Hashable {
        public var name: String
        public var value: String

        public init(name: String, value: String) {
            self.name = name
            self.value = value
        }
    }

    public struct Cache: Codable, Sendable, Hashable {}

    public struct Timings: Codable, Sendable, Hashable {
        public var send: Double
        public var wait: Double
        public var receive: Double
    }
}
