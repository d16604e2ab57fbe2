import FineTuning
import FineTuningHTTP
import FineTuningPlugins
import Foundation
import Testing

/// Every loader error, each from a real shared library the test compiles with one part of the
/// ABI broken: the error has the expected code and its message names the file and the problem.
@Suite struct PluginLoaderErrorTests {
    struct BrokenPlugin: Sendable, CustomTestStringConvertible {
        let name: String
        let expected: String
        let code: FineTuningError.Code
        let change: @Sendable (inout TestPluginSource) -> Void
        var testDescription: String { name }
    }

    static let brokenPlugins: [BrokenPlugin] = [
        BrokenPlugin(name: "missing entry symbol", expected: "exports no finetune_plugin_v1 symbol", code: .pluginABI) {
            $0.entrySymbol = "finetune_plugin_entry"
        },
        BrokenPlugin(name: "newer ABI in the table", expected: "built for plugin ABI 2, newer than this host's ABI 1", code: .pluginABI) {
            $0.abiVersion = "2"
        },
        BrokenPlugin(name: "older ABI in the table", expected: "built for plugin ABI 0, older than this host's ABI 1", code: .pluginABI) {
            $0.abiVersion = "0"
        },
        BrokenPlugin(name: "newer ABI entry symbol only", expected: "built for plugin ABI 2, newer than this host's ABI 1", code: .pluginABI) {
            $0.entrySymbol = "finetune_plugin_v2"
        },
        BrokenPlugin(name: "truncated table", expected: "truncated plugin table: struct_size is 24 bytes, smaller than the 104 bytes of the ABI 1.0 table", code: .pluginABI) {
            $0.structSize = "24"
        },
        BrokenPlugin(name: "one field short of ABI 1.0", expected: "truncated plugin table: struct_size is 96 bytes", code: .pluginABI) {
            $0.structSize = "FINETUNE_PLUGIN_TABLE_V1_0_SIZE - sizeof(void *)"
        },
        BrokenPlugin(name: "required function missing", expected: "the plugin table has no get_job function (required by plugin ABI 1)", code: .pluginABI) {
            $0.hasGetJob = false
        },
        BrokenPlugin(name: "declared capability without its function", expected: "no list_events function (the manifest declares capability events)", code: .pluginABI) {
            $0.capabilities = #"["events"]"#
        },
        BrokenPlugin(name: "manifest not JSON", expected: "invalid manifest:", code: .pluginABI) {
            $0.manifest = "{manifest"
        },
        BrokenPlugin(name: "manifest without a provider", expected: "invalid manifest:", code: .pluginABI) {
            $0.manifest = #"{"format_version":1,"manifest":{"version":"1"}}"#
        },
        BrokenPlugin(name: "manifest of a newer wire format", expected: "invalid manifest:", code: .pluginABI) {
            $0.manifest = #"{"format_version":99,"manifest":{}}"#
        },
        BrokenPlugin(name: "provider id not an id", expected: "invalid manifest: provider id 'Bad-Id' must start with a letter", code: .pluginABI) {
            $0.providerID = "Bad-Id"
        },
        BrokenPlugin(name: "hyperparameter table of another provider", expected: "invalid manifest: the hyperparameter table is for 'openai', not 'broken'", code: .pluginABI) {
            $0.hyperparameterProvider = "openai"
        },
    ]

    @Test(arguments: brokenPlugins)
    func theLoaderRefusesTheLibrary(_ broken: BrokenPlugin) throws {
        var source = TestPluginSource()
        broken.change(&source)
        let path = try source.build(named: "broken", in: try temporaryPluginFolder())
        let error = try #require(throws: FineTuningError.self) { try PluginLoader().load(path: path) }
        #expect(error.code == broken.code)
        #expect(error.message.hasPrefix("plugin \(path): "), "\(error.message)")
        #expect(error.message.contains(broken.expected), "\(error.message)")
    }

    @Test func aFileThatIsNotASharedLibraryIsRefused() throws {
        let path = try temporaryPluginFolder().appendingPathComponent("libtext.so").path
        try "not a library".write(toFile: path, atomically: true, encoding: .utf8)
        let error = try #require(throws: FineTuningError.self) { try PluginLoader().load(path: path) }
        #expect(error.code == .pluginABI)
        #expect(error.message.hasPrefix("plugin \(path): not a loadable shared library: "), "\(error.message)")
    }

    @Test func aLibraryCutShortIsRefused() throws {
        let path = try TestPluginSource().build(named: "cut", in: try temporaryPluginFolder())
        let whole = try Data(contentsOf: URL(fileURLWithPath: path))
        try whole.prefix(whole.count / 3).write(to: URL(fileURLWithPath: path))
        let error = try #require(throws: FineTuningError.self) { try PluginLoader().load(path: path) }
        #expect(error.code == .pluginABI)
        #expect(error.message.hasPrefix("plugin \(path): not a loadable shared library: the file is cut short: "), "\(error.message)")
    }

    @Test func aMissingFileIsNamed() throws {
        let path = try temporaryPluginFolder().appendingPathComponent("libabsent.so").path
        let error = try #require(throws: FineTuningError.self) { try PluginLoader().load(path: path) }
        #expect(error.message == "plugin \(path): no such plugin file")
    }

    @Test(arguments: [("file", 0o757 as Int16), ("folder", 0o777), ("file", 0o775), ("folder", 0o775)])
    func aPluginWritableByOthersIsRefused(_ item: String, _ mode: Int16) throws {
        let folder = try temporaryPluginFolder()
        let path = try TestPluginSource().build(named: "shared", in: folder)
        try FileManager.default.setAttributes([.posixPermissions: mode], ofItemAtPath: item == "file" ? path : folder.path)
        let error = try #require(throws: FineTuningError.self) { try PluginLoader().load(path: path) }
        #expect(error.code == .pluginABI)
        #expect(error.message.hasPrefix("plugin \(path): refused: the \(item) "), "\(error.message)")
        #expect(error.message.contains("writable by other users"))
        #expect(error.message.contains("chmod go-w"))
    }

    @Test func aProviderIDOfABuiltInIsRefused() throws {
        let path = try TestPluginSource(providerID: "stub").build(named: "stub", in: try temporaryPluginFolder())
        let registry = ProviderRegistry()
        try registry.register(StubProvider(id: "stub"))
        let error = try #require(throws: FineTuningError.self) {
            try PluginLoader().register(PluginSearchPath(explicit: [path]), into: registry, environment: [:], transport: RefusingTransport())
        }
        #expect(error.message.hasPrefix("plugin \(path): "), "\(error.message)")
        #expect(error.message.contains("clashes with the built-in provider"), "\(error.message)")
    }

    @Test func aProviderIDOfAnotherPluginIsRefused() throws {
        let first = try TestPluginSource().build(named: "first", in: try temporaryPluginFolder())
        let second = try TestPluginSource().build(named: "second", in: try temporaryPluginFolder())
        let registry = ProviderRegistry()
        let error = try #require(throws: FineTuningError.self) {
            try PluginLoader().register(PluginSearchPath(explicit: [first, second]), into: registry, environment: [:], transport: RefusingTransport())
        }
        #expect(error.message.hasPrefix("plugin \(second): "), "\(error.message)")
        #expect(error.message.contains("clashes with the plugin 0.0.1 (\(first))"), "\(error.message)")
        #expect(registry.providerIDs == ["broken"])
    }
}

/// A provider that only has a descriptor: stands in for a built-in with a given id.
struct StubProvider: FineTuningProvider {
    let descriptor: ProviderDescriptor

    init(id: String) {
        descriptor = ProviderDescriptor(
            id: id, displayName: id, capabilities: [], hyperparameters: HyperparameterTable(provider: id, api: "stub", rules: []),
            dataset: DatasetRequirements(format: .openAIChat))
    }

    func createJob(_ request: ProviderJobRequest) async throws -> FineTuningJob { throw FineTuningError(.unsupported, "stub") }
    func getJob(id: String) async throws -> FineTuningJob { throw FineTuningError(.unsupported, "stub") }
    func listJobs(_ page: PageRequest, filter: JobFilter) async throws -> Page<FineTuningJob> { throw FineTuningError(.unsupported, "stub") }
    func cancelJob(id: String) async throws -> FineTuningJob { throw FineTuningError(.unsupported, "stub") }
}

/// A transport for providers that must not send anything.
struct RefusingTransport: HTTPTransport {
    func send(_ request: HTTPRequest) async throws -> HTTPResponse {
        throw FineTuningError(.transport, "this test sends no HTTP request")
    }
}

/// A transport whose every request fails with one transport failure.
struct FailingTransport: HTTPTransport {
    let failure: TransportFailure

    func send(_ request: HTTPRequest) async throws -> HTTPResponse {
        throw failure.error("\(request.method) \(request.url) failed")
    }
}
