import FineTuning
import FineTuningHTTP
import FineTuningPlugins
import Foundation
import Testing

/// The real built plugins, loaded together through the search path, register beside a built-in
/// provider, and model strings and job ids route to them.
@Suite struct PluginRoutingTests {
    @Test func modelStringsAndJobIDsRouteToTheRealPlugins() async throws {
        let echo = try BuiltPlugins.path(of: BuiltPlugins.echoC)
        let mistral = try BuiltPlugins.path(of: BuiltPlugins.mistral)
        let registry = ProviderRegistry()
        try registry.register(StubProvider(id: "openai"))
        let replay = try HARReplayTransport(contentsOf: BuiltPlugins.layout.fixtureFolder(for: "echo_c").appendingPathComponent("get_running.har"))
        let environment = ["ECHO_C_API_KEY": "echo-test", "ECHO_C_BASE_URL": "https://echo.example.test/v1", "MISTRAL_API_KEY": "m"]

        let plugins = try PluginLoader().register(
            .standard(options: [echo], environment: ["FINETUNE_PLUGIN_PATH": mistral, "HOME": "/nonexistent"]),
            into: registry, environment: environment, transport: replay)

        #expect(plugins.map { $0.descriptor.id } == ["echo_c", "mistral"])
        #expect(registry.providerIDs == ["echo_c", "mistral", "openai"])
        #expect(try registry.registration(for: "mistral").origin == .plugin(path: mistral, version: "1.0.0"))
        #expect(try registry.registration(for: "echo_c").origin == .plugin(path: echo, version: "1.0.0"))
        #expect(try registry.registration(for: "mistral").descriptor.capabilities == [.events, .checkpoints, .fileUpload, .deferredStart])
        #expect(try registry.resolve(model: "mistral/open-mistral-7b").provider.descriptor.id == "mistral")
        #expect(try registry.resolve(model: "openai/gpt-4o-mini").provider.descriptor.id == "openai")

        let job = try await FineTuningClient(registry: registry).job(JobID(provider: "echo_c", native: "job-run"))
        #expect(job.id.description == "echo_c:job-run")
        #expect(job.status == .running)
        #expect(job.progress?.completedSteps == 40)
    }

    @Test func aFolderOnTheSearchPathContributesItsLibraries() throws {
        let folder = try temporaryPluginFolder()
        let first = try TestPluginSource(providerID: "first").build(named: "first", in: folder)
        let second = try TestPluginSource(providerID: "second").build(named: "second", in: folder)
        try "notes".write(to: folder.appendingPathComponent("README.txt"), atomically: true, encoding: .utf8)
        let path = PluginSearchPath.standard(environment: ["FINETUNE_PLUGIN_PATH": folder.path, "HOME": "/nonexistent"])
        #expect(try path.libraryFiles() == [first, second])
        #expect(try PluginLoader().load(path).map(\.descriptor.id) == ["first", "second"])
    }

    @Test func theUserFolderIsSearchedWhenItExists() throws {
        let home = try temporaryPluginFolder()
        #expect(try PluginSearchPath.standard(environment: ["HOME": home.path]).libraryFiles() == [])
        let folder = home.appendingPathComponent(".finetune/plugins")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let library = try TestPluginSource().build(named: "user", in: folder)
        #expect(try PluginSearchPath.standard(environment: ["HOME": home.path]).libraryFiles() == [library])
    }

    @Test func aNamedPathThatDoesNotExistIsAnError() throws {
        let error = try #require(throws: FineTuningError.self) {
            try PluginSearchPath.standard(options: ["/nonexistent/libx.so"], environment: ["HOME": "/nonexistent"]).libraryFiles()
        }
        #expect(error.message == "plugin /nonexistent/libx.so: no such plugin file")
    }
}
