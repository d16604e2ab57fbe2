import FineTuning
import FineTuningHTTP
import Foundation
import Hummingbird
import Testing
@testable import FineTuningGateway

/// A real gateway on a free loopback port, with its own SQLite store and files in a temporary
/// directory, talked to over real HTTP (libcurl). Stopped by cancelling its service group.
final class GatewayHarness: Sendable {
    let directory: URL
    let gateway: Gateway
    let baseURL: URL
    private let task: Task<Void, any Error>
    private let transport = CurlTransport()

    /// `database` defaults to a SQLite file in `directory`.
    init(
        registry: ProviderRegistry = ProviderRegistry(), maxUploadBytes: Int64 = 1 << 20, directory: URL? = nil,
        database: GatewayDatabaseLocation? = nil, pollLease: Duration = .seconds(30),
        localModels: LocalModelAllowList = LocalModelAllowList(directories: [])
    ) async throws {
        let directory = directory ?? FileManager.default.temporaryDirectory.appendingPathComponent("gateway-test-\(UUID().uuidString)")
        self.directory = directory
        let configuration = GatewayConfiguration(
            database: database ?? .sqlite(path: directory.appendingPathComponent("gateway.sqlite").path),
            filesDirectory: directory.appendingPathComponent("files").path, maxUploadBytes: maxUploadBytes, pollLease: pollLease,
            localModels: localModels)
        gateway = try await Gateway(configuration: configuration, client: FineTuningClient(registry: registry))
        let (ports, continuation) = AsyncStream<Int>.makeStream()
        let application = try gateway.application { _, port in continuation.yield(port) }
        task = Task { try await application.run() }
        var iterator = ports.makeAsyncIterator()
        guard let port = await iterator.next() else { throw FineTuningError(.transport, "the gateway did not start") }
        baseURL = URL(string: "http://127.0.0.1:\(port)")!
    }

    /// Runs `body` against a fresh gateway, stopping it afterwards whatever happens.
    static func with(
        registry: ProviderRegistry = ProviderRegistry(), maxUploadBytes: Int64 = 1 << 20,
        localModels: LocalModelAllowList = LocalModelAllowList(directories: []), _ body: (GatewayHarness) async throws -> Void
    ) async throws {
        let gateway = try await GatewayHarness(registry: registry, maxUploadBytes: maxUploadBytes, localModels: localModels)
        do {
            try await body(gateway)
        } catch {
            await gateway.stop()
            throw error
        }
        await gateway.stop()
    }

    func stop() async {
        task.cancel()
        _ = await task.result
        await gateway.store.close()
        try? FileManager.default.removeItem(at: directory)
    }

    /// A new key named `name`.
    func key(_ name: String, admin: Bool = false) async throws -> String {
        try await gateway.store.createKey(name: name, isAdmin: admin)
    }

    @discardableResult
    func send(_ method: String, _ path: String, key: String?, json: JSONValue? = nil, body: HTTPBody? = nil, headers: [String: String] = [:]) async throws -> (status: Int, json: JSONValue?, text: String) {
        var request = FineTuningHTTP.HTTPRequest(method: HTTPMethod(method)!, url: URL(string: baseURL.absoluteString + path)!)
        if let key { request.headers["Authorization"] = "Bearer \(key)" }
        for (name, value) in headers { request.headers[name] = value }
        if let json {
            request.headers["Content-Type"] = "application/json"
            request.body = .data(json.serialized())
        }
        if let body { request.body = body }
        let response = try await transport.send(request)
        return (response.status, try? JSONValue(parsing: response.body), String(decoding: response.body, as: UTF8.self))
    }

    /// Uploads `text` as a fine-tune file; returns the response.
    func upload(_ text: String, filename: String = "train.jsonl", key: String) async throws -> (status: Int, json: JSONValue?, text: String) {
        let path = directory.appendingPathComponent("upload-\(UUID().uuidString)-\(filename)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        try Data(text.utf8).write(to: path)
        defer { try? FileManager.default.removeItem(at: path) }
        let form = MultipartForm(parts: [
            .field(name: "purpose", value: "fine-tune"),
            .file(name: "file", path: path.path, filename: filename, contentType: "application/jsonl"),
        ])
        return try await send("POST", "/v1/files", key: key, body: .multipart(form))
    }

    /// Ten valid chat examples in OpenAI's format.
    static let validChatFile = (1...10).map { index in
        #"{"messages":[{"role":"user","content":"question \#(index)"},{"role":"assistant","content":"answer \#(index)"}]}"#
    }.joined(separator: "\n") + "\n"
}
