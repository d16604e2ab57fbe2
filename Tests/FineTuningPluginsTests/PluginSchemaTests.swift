import FineTuning
import FineTuningHTTP
@testable import FineTuningPlugins
import FineTuningPluginABI
import FineTuningTestSupport
import Foundation
import Synchronization
import Testing
import Logging

/// The JSON Schemas of the plugin ABI and the host's actual decoding cannot drift apart: every
/// example document (Sources/CFineTuningPlugin/schemas/examples, the ones Plugins/REFERENCE.md
/// shows) is decoded by the host's own types and encoded again; the keys the host writes must
/// all be in the schema, and every key the schema defines must survive the host's round trip.
@Suite struct PluginSchemaTests {
    static let schemaFolder = URL(fileURLWithPath: BuiltPlugins.headerFolder).deletingLastPathComponent().appendingPathComponent("schemas")

    static func examples(_ document: PluginDocument) throws -> [Data] {
        let file = schemaFolder.appendingPathComponent("examples/\(document.rawValue).json")
        guard case .array(let documents) = try JSONDecoder().decode(JSONValue.self, from: Data(contentsOf: file)) else { return [] }
        return try documents.map { try JSONEncoder().encode($0) }
    }

    /// The document decoded by the host's type for it and encoded again.
    static func hostRoundTrip(_ document: PluginDocument, _ json: Data) throws -> Data {
        func wire<Value: Codable>(_ type: Value.Type, _ key: String) throws -> Data {
            try WireFormat.document(key, WireFormat.value(type, at: key, in: json))
        }
        switch document {
        case .manifest: return try wire(PluginManifest.self, PluginManifest.documentKey)
        case .job: return try wire(FineTuningJob.self, "job")
        case .jobPage: return try wire(PluginPage<FineTuningJob>.self, "page")
        case .eventPage: return try wire(PluginPage<JobEvent>.self, "page")
        case .checkpointPage: return try wire(PluginPage<Checkpoint>.self, "page")
        case .error: return try PluginErrorDocument(json: json).json()
        case .createJobRequest: return try wire(PluginJobRequest.self, PluginJobRequest.documentKey)
        case .jobIDRequest: return try wire(String.self, "id")
        case .listRequest: return try wire(PluginListRequest.self, PluginListRequest.documentKey)
        case .instanceConfig: return try wire([String: String].self, "environment")
        case .httpRequest: return try JSONEncoder().encode(HostHTTPExchange.Request(json: json))
        case .httpResponse: return try JSONEncoder().encode(JSONDecoder().decode(HostHTTPExchange.Response.self, from: json))
        }
    }

    @Test func theCompiledInSchemasAreTheFilesBesideTheHeader() throws {
        for document in PluginDocument.allCases {
            let file = Self.schemaFolder.appendingPathComponent(document.schemaFile)
            let onDisk = try JSONDecoder().decode(JSONValue.self, from: Data(contentsOf: file))
            #expect(document.schema == onDisk, "\(document.schemaFile) differs from its compiled-in copy: run python3 scripts/embed-json.py")
        }
        let files = try FileManager.default.contentsOfDirectory(atPath: Self.schemaFolder.path).filter { $0.hasSuffix(".schema.json") }
        #expect(Set(files) == Set(PluginDocument.allCases.map(\.schemaFile)))
    }

    @Test(arguments: PluginDocument.allCases)
    func theSchemaAndTheHostsDecodingAgree(_ document: PluginDocument) throws {
        var examplesKnown: Set<String> = []
        var hostKnown: Set<String> = []
        for example in try Self.examples(document) {
            let (known, unknown) = document.keys(in: example)
            #expect(unknown == [], "the example of \(document.rawValue) has keys outside its schema")
            examplesKnown.formUnion(known)
            let again = try Self.hostRoundTrip(document, example)
            let (written, extra) = document.keys(in: again)
            #expect(extra == [], "the host writes \(document.rawValue) keys its schema does not define")
            hostKnown.formUnion(written)
        }
        let defined = document.definedKeyPaths
        #expect(examplesKnown == defined, "the examples of \(document.rawValue) must show every key: missing \(defined.subtracting(examplesKnown).sorted())")
        #expect(hostKnown == defined, "keys the schema defines but the host drops: \(defined.subtracting(hostKnown).sorted())")
    }

    /// Each key the schema requires is one the host cannot decode without, and each optional key
    /// one it can: every example is decoded again with one key removed at a time.
    @Test(arguments: PluginDocument.allCases)
    func theSchemasRequiredKeysAreTheOnesTheHostNeeds(_ document: PluginDocument) throws {
        let required = document.requiredKeyPaths
        for example in try Self.examples(document) {
            let value = try JSONDecoder().decode(JSONValue.self, from: example)
            for path in document.keys(in: example).known.sorted() {
                let without = try JSONEncoder().encode(Self.removing(path.split(separator: ".").map(String.init), from: value))
                let decodes = (try? Self.hostRoundTrip(document, without)) != nil
                #expect(decodes != required.contains(path), "\(document.rawValue): without \(path) the host \(decodes ? "still decodes" : "fails"), the schema says \(required.contains(path) ? "required" : "optional")")
            }
        }
    }

    /// `value` without the member at `path` (`a`, `b[]`, `c`: in every element of array `b`).
    static func removing(_ path: [String], from value: JSONValue) -> JSONValue {
        guard let first = path.first, case .object(var members) = value else { return value }
        let isArray = first.hasSuffix("[]")
        let key = isArray ? String(first.dropLast(2)) : first
        guard let member = members[key] else { return value }
        if path.count == 1, !isArray {
            members[key] = nil
        } else if isArray, case .array(let elements) = member {
            members[key] = .array(elements.map { removing(Array(path.dropFirst()), from: $0) })
        } else {
            members[key] = removing(Array(path.dropFirst()), from: member)
        }
        return .object(members)
    }

    @Test func aMisspeltKeyIsFoundWithItsPath() throws {
        let example = try #require(try Self.examples(.job).first)
        let misspelt = Data(String(decoding: example, as: UTF8.self).replacingOccurrences(of: "\"tuned_model\"", with: "\"tuned_modle\"").utf8)
        #expect(PluginDocument.job.unknownKeys(in: misspelt) == ["job.tuned_modle"])
        let page = Data(#"{"format_version":1,"page":{"items":[{"id":"e","created_at":"2026-01-01T00:00:00Z","level":"info","message":"m","metrics":{"loss":1}}]}}"#.utf8)
        #expect(PluginDocument.eventPage.unknownKeys(in: page) == ["page.items[].metrics.loss"])
    }

    /// A plugin whose get_job answers a job with a misspelt `tuned_modle`.
    static let misspeltJob = TestPluginSource(
        getResponse: #"{"format_version":1,"job":{"id":"broken:job-1","base_model":"m","status":"succeeded","provider_status":"DONE","tuned_modle":{"name":"x"}}}"#)

    @Test func inConformanceRunsAnUnknownKeyIsAFailureNamingKeyAndDocument() async throws {
        let path = try Self.misspeltJob.build(named: "misspelt", in: try temporaryPluginFolder())
        let provider = try PluginLoader(unknownKeys: .fail).load(path: path).makeProvider(transport: RefusingTransport(), environment: [:])
        let error = try await #require(throws: FineTuningError.self) { try await provider.getJob(id: "job-1") }
        #expect(error.code == .pluginABI)
        #expect(error.message == "plugin \(path): the job document from get_job has unknown key 'job.tuned_modle' (not in job.schema.json)")
    }

    @Test func inNormalUseAnUnknownKeyIsOneWarning() async throws {
        let path = try Self.misspeltJob.build(named: "misspelt", in: try temporaryPluginFolder())
        let log = CapturedLog()
        let provider = try PluginLoader(logger: log.logger()).load(path: path).makeProvider(transport: RefusingTransport(), environment: [:])
        _ = try await provider.getJob(id: "job-1")
        let job = try await provider.getJob(id: "job-1")
        #expect(job.status == .succeeded)
        #expect(log.records == [CapturedLog.Record(level: .warning, message: "plugin \(path): the job document from get_job has unknown key 'job.tuned_modle' (not in job.schema.json); it is ignored")])
    }
}
