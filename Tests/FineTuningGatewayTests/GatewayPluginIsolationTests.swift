import FineTuning
import FineTuningPlugins
import FineTuningTestSupport
import Foundation
import Testing
@testable import FineTuningGateway

/// Plugins in the gateway run behind `ChildProcessPluginProvider`, registered the way `finetune
/// serve` registers them (`PluginLoader.registerIsolated`, the built `finetune` as the plugin host):
/// a real compiled plugin that calls `abort()`, or never returns, fails its request with a 5xx in
/// OpenAI's error shape naming the plugin, and the gateway goes on serving every other request.
@Suite struct GatewayPluginIsolationTests {
    /// What a plugin's cancel_job does instead of answering.
    enum Fault { case none, abort, hang }

    /// The scaffold template (`finetune plugin new --language c`) as provider `name`: create_job
    /// answers a running job of its table, and `operation` (cancel_job unless told) is broken by `fault`.
    static func plugin(_ name: String, fault: Fault, operation: String = "cancel_job", in folder: URL) throws -> String {
        let template = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Plugins/Templates/plugin.c")
        var source = try String(contentsOf: template, encoding: .utf8).replacingOccurrences(of: "__NAME__", with: name)
        let edits = [
            (#"#include <stdio.h>"#, "#include <stdio.h>\n#include <unistd.h>"),
            (#"job_json("job-new", "queued", 1)"#, #"job_json("job-run", "running", 1)"#),
            (
                "static int32_t \(operation)(void *instance, finetune_call *call, const char *request, char **response) {",
                "static int32_t \(operation)(void *instance, finetune_call *call, const char *request, char **response) {\n"
                    + (fault == .abort ? "    abort();" : fault == .hang ? "    for (;;) pause();" : "")
            ),
        ]
        for (old, new) in edits {
            try #require(source.contains(old), "the template no longer has \(old)")
            source = source.replacingOccurrences(of: old, with: new)
        }
        return try CPluginCompiler.build(source, named: name, in: folder)
    }

    /// A gateway whose registry holds `steady` (healthy), `crashy` (aborts) and `stuck` (hangs), each in child processes.
    static func withGateway(operationTimeout: Duration, _ body: (GatewayHarness, [String: String]) async throws -> Void) async throws {
        let folder = try CPluginCompiler.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let paths = [
            "steady": try plugin("steady", fault: .none, in: folder), "crashy": try plugin("crashy", fault: .abort, in: folder),
            "stuck": try plugin("stuck", fault: .hang, in: folder),
        ]
        try await withGateway(plugins: paths, operationTimeout: operationTimeout, in: folder) { gateway in try await body(gateway, paths) }
    }

    /// A gateway whose registry holds the plugins at `paths` (by provider name), each in child processes.
    static func withGateway(
        plugins paths: [String: String], operationTimeout: Duration, in folder: URL, _ body: (GatewayHarness) async throws -> Void
    ) async throws {
        let registry = ProviderRegistry()
        let providers = try await PluginLoader().registerIsolated(
            PluginSearchPath(explicit: paths.values.sorted()), into: registry, executable: URL(fileURLWithPath: try BuiltProducts.executable("finetune")),
            environment: ["HOME": folder.path, "PATH": "/usr/bin:/bin"], operationTimeout: operationTimeout)
        #expect(providers.map(\.descriptor.id).sorted() == paths.keys.sorted())
        try await GatewayHarness.with(registry: registry, body)
    }

    /// Creates a job on `provider` and returns its gateway id.
    static func createJob(_ gateway: GatewayHarness, provider: String, key: String, file: String) async throws -> String {
        let created = try await gateway.send(
            "POST", "/v1/fine_tuning/jobs", key: key, json: ["model": .string("\(provider)/\(provider)-small"), "training_file": .string(file)])
        #expect(created.status == 200, "\(created.text)")
        #expect(created.json?["status"] == "running", "\(created.text)")
        return try #require(created.json?["id"]?.stringValue)
    }

    @Test func aCrashingPluginFailsItsRequestAndTheGatewayGoesOn() async throws {
        try await Self.withGateway(operationTimeout: .seconds(30)) { gateway, paths in
            let key = try await gateway.key("alice")
            let file = try #require(try await gateway.upload(GatewayHarness.validChatFile, key: key).json?["id"]?.stringValue)
            let crashy = try await Self.createJob(gateway, provider: "crashy", key: key, file: file)
            let steady = try await Self.createJob(gateway, provider: "steady", key: key, file: file)

            let crashed = try await gateway.send("POST", "/v1/fine_tuning/jobs/\(crashy)/cancel", key: key)
            #expect(crashed.status == 502, "\(crashed.text)")
            #expect(crashed.json?["error"]?["type"] == "server_error")
            #expect(crashed.json?["error"]?["code"] == "plugin_abi")
            #expect(crashed.json?["error"]?["message"] == .string("plugin \(paths["crashy"]!): cancel_job crashed with signal 6 (SIGABRT)"))

            #expect(try await gateway.send("GET", "/healthz", key: nil).status == 200)
            let cancelled = try await gateway.send("POST", "/v1/fine_tuning/jobs/\(steady)/cancel", key: key)
            #expect(cancelled.status == 200, "\(cancelled.text)")
            #expect(cancelled.json?["status"] == "cancelled")
            #expect(try await gateway.send("GET", "/v1/fine_tuning/jobs/\(crashy)", key: key).json?["status"] == "running")
            // The plugin is run afresh for every request: it crashes again, and nothing else does.
            #expect(try await gateway.send("POST", "/v1/fine_tuning/jobs/\(crashy)/cancel", key: key).status == 502)
            #expect(try await gateway.send("GET", "/healthz", key: nil).status == 200)
        }
    }

    @Test func aHangingPluginTimesOutAndTheGatewayServesMeanwhile() async throws {
        // 10 s: long enough that the other requests (a healthy plugin's create spawns a child) finish
        // before it even on a loaded 2-core machine.
        try await Self.withGateway(operationTimeout: .seconds(10)) { gateway, paths in
            let key = try await gateway.key("alice")
            let file = try #require(try await gateway.upload(GatewayHarness.validChatFile, key: key).json?["id"]?.stringValue)
            let stuck = try await Self.createJob(gateway, provider: "stuck", key: key, file: file)

            let started = ContinuousClock.now
            async let hung = gateway.send("POST", "/v1/fine_tuning/jobs/\(stuck)/cancel", key: key)
            try await Task.sleep(for: .milliseconds(300))
            // While the plugin hangs, the gateway answers everything else, a healthy plugin's requests included.
            #expect(try await gateway.send("GET", "/healthz", key: nil).status == 200)
            _ = try await Self.createJob(gateway, provider: "steady", key: key, file: file)
            #expect(ContinuousClock.now - started < .seconds(10), "the other requests waited for the hanging plugin")

            let timedOut = try await hung
            #expect(ContinuousClock.now - started >= .seconds(10))
            #expect(timedOut.status == 504, "\(timedOut.text)")
            #expect(timedOut.json?["error"]?["type"] == "server_error")
            #expect(timedOut.json?["error"]?["code"] == "timeout")
            let message = try #require(timedOut.json?["error"]?["message"]?.stringValue)
            #expect(message.hasPrefix("plugin \(paths["stuck"]!): cancel_job did not return within 10 s"), "\(message)")
            #expect(try await gateway.send("GET", "/healthz", key: nil).status == 200)
            #expect(try await gateway.send("GET", "/v1/fine_tuning/jobs/\(stuck)", key: key).json?["status"] == "running")
        }
    }

    /// A plugin that crashes in every create_job: the request's own attempt leaves the job staging, the
    /// poller replays it, and after `JobPoller.maxStagingAttempts` attempts in all the job fails with
    /// the reason and is never asked for again.
    @Test func aJobWhosePluginCrashesOnEveryCreateFailsAfterTheLastAttempt() async throws {
        let folder = try CPluginCompiler.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = try Self.plugin("shaky", fault: .abort, operation: "create_job", in: folder)
        try await Self.withGateway(plugins: ["shaky": path], operationTimeout: .seconds(30), in: folder) { gateway in
            let key = try await gateway.key("alice")
            let file = try #require(try await gateway.upload(GatewayHarness.validChatFile, key: key).json?["id"]?.stringValue)
            let created = try await gateway.send("POST", "/v1/fine_tuning/jobs", key: key, json: ["model": "shaky/shaky-small", "training_file": .string(file)])
            #expect(created.status == 200, "\(created.text)")
            #expect(created.json?["status"] == "validating_files", "\(created.text)")
            let id = try #require(created.json?["id"]?.stringValue)

            // Each replay is due at once instead of after the poll interval; the gateway's own poller makes it.
            let store = gateway.gateway.store
            var job = try #require(try await store.job(id, visibleTo: GatewayStoreTests.admin))
            #expect(job.stagingAttempts == 1)
            for _ in 0..<600 where job.status == .staging {
                try await store.database.write(SQLStatement("UPDATE job SET next_poll_at = 0 WHERE id = ? AND status = 'staging'", [.text(id)]))
                try await Task.sleep(for: .milliseconds(100))
                job = try #require(try await store.job(id, visibleTo: GatewayStoreTests.admin))
            }
            #expect(job.status == .backend(.failed))
            #expect(job.stagingAttempts == JobPoller.maxStagingAttempts)
            let retrieved = try await gateway.send("GET", "/v1/fine_tuning/jobs/\(id)", key: key)
            #expect(retrieved.json?["status"] == "failed")
            #expect(retrieved.json?["error"]?["code"] == "plugin_abi")
            #expect(
                retrieved.json?["error"]?["message"]
                    == .string("the backend did not take the job in 5 attempts; the last one failed: plugin \(path): create_job crashed with signal 6 (SIGABRT)"))
            // Finished: no poller claims it again, even when it looks due.
            try await store.database.write(SQLStatement("UPDATE job SET next_poll_at = 0 WHERE id = ?", [.text(id)]))
            let claimed = try await store.claimJobsDueForPoll(by: "probe", at: Date(), leaseEnd: Date().addingTimeInterval(60))
            #expect(!claimed.map(\.id).contains(id))
        }
    }
}
