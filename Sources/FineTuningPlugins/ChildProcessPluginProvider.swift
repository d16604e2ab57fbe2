public import FineTuning
package import FineTuningHTTP
public import FineTuningPluginABI
public import Foundation

/// A plugin's provider whose every operation runs in a child process, so a plugin that crashes
/// or hangs cannot take the caller down (the gateway uses it). The child is the `finetune`
/// executable's hidden `plugin-call --plugin PATH --operation OP` command: it reads the request
/// document on standard input, loads the plugin, runs the one operation with its own transport
/// and the environment given here, and writes the answer or error document on standard output —
/// the same JSON as the C ABI. Even the manifest is read in a child, so no plugin code runs in this
/// process.
///
/// The child's transport is the one `finetune` builds for every command (libcurl behind the retry
/// layer), so the plugin's HTTP gets the same retry budget per exchange, the same no-resend rule for
/// creates and the same redaction as in process: the child registers the secrets of the environment
/// and of the headers it sends, and every error document it writes is scrubbed before it crosses
/// the pipe. HAR recording (`FINETUNE_HAR_RECORD`) is not passed on: record a plugin's exchanges with
/// the CLI, which runs plugins in process.
///
/// A crash is a `plugin_abi` error naming the signal, the plugin and the operation; an operation
/// that does not finish within `operationTimeout` is a `timeout` error, and its child is killed.
/// Each call starts a process (tens of milliseconds), which suits remote fine-tuning APIs.
public final class ChildProcessPluginProvider: FineTuningProvider, Sendable {
    public let descriptor: ProviderDescriptor
    public let manifest: PluginManifest
    /// The plugin file.
    public let path: String
    public let operationTimeout: Duration
    private let executable: URL
    private let environment: [String: String]

    /// The hidden command of the `finetune` executable that serves one call.
    public static let commandName = "plugin-call"
    /// Seconds a child may take beyond the operation timeout to start and load the plugin.
    static let startupAllowance = Duration.seconds(10)

    /// Reads the plugin's manifest in a child process and returns its provider. `executable` is
    /// the `finetune` binary (`Bundle.main.executableURL` inside `finetune` itself); the child sees
    /// `environment` as its whole environment.
    public static func load(
        path: String, executable: URL, environment: [String: String], operationTimeout: Duration? = nil
    ) async throws -> ChildProcessPluginProvider {
        let answer = try await call(
            "manifest", request: Data(), path: path, executable: executable, environment: environment,
            timeout: operationTimeout ?? PluginManifest.defaultOperationTimeout)
        let manifest: PluginManifest
        do {
            manifest = try WireFormat.value(PluginManifest.self, at: PluginManifest.documentKey, in: answer)
        } catch {
            throw PluginFailure.invalidManifest(path, "\(error)")
        }
        return ChildProcessPluginProvider(
            path: path, manifest: manifest, executable: executable, environment: environment,
            operationTimeout: operationTimeout ?? manifest.operationTimeout)
    }

    private init(path: String, manifest: PluginManifest, executable: URL, environment: [String: String], operationTimeout: Duration) {
        self.path = path
        self.manifest = manifest
        self.descriptor = manifest.provider
        self.executable = executable
        self.environment = environment
        self.operationTimeout = operationTimeout
    }

    /// The registration of this provider, `plugin(path:version:)` as its origin.
    public var registration: ProviderRegistration {
        ProviderRegistration(descriptor: descriptor, origin: .plugin(path: path, version: manifest.version)) { self }
    }

    public func createJob(_ request: ProviderJobRequest) async throws -> FineTuningJob {
        try await job(.createJob, WireFormat.document(PluginJobRequest.documentKey, PluginJobRequest(request)))
    }

    public func getJob(id: String) async throws -> FineTuningJob {
        try await job(.getJob, WireFormat.document("id", id))
    }

    public func listJobs(_ page: PageRequest, filter: JobFilter) async throws -> Page<FineTuningJob> {
        try await self.page(.listJobs, PluginListRequest(page: page, filter: filter))
    }

    public func cancelJob(id: String) async throws -> FineTuningJob {
        try await job(.cancelJob, WireFormat.document("id", id))
    }

    public func listEvents(jobID: String, page: PageRequest) async throws -> Page<JobEvent> {
        try await self.page(.listEvents, PluginListRequest(jobID: jobID, page: page))
    }

    public func listCheckpoints(jobID: String, page: PageRequest) async throws -> Page<Checkpoint> {
        try await self.page(.listCheckpoints, PluginListRequest(jobID: jobID, page: page))
    }

    public func pauseJob(id: String) async throws -> FineTuningJob {
        try await job(.pauseJob, WireFormat.document("id", id))
    }

    public func resumeJob(id: String) async throws -> FineTuningJob {
        try await job(.resumeJob, WireFormat.document("id", id))
    }

    public func startJob(id: String) async throws -> FineTuningJob {
        try await job(.startJob, WireFormat.document("id", id))
    }

    private func job(_ operation: PluginOperation, _ request: Data) async throws -> FineTuningJob {
        let answer = try await call(operation, request)
        return try decode { try WireFormat.value(FineTuningJob.self, at: "job", in: answer) }
    }

    private func page<Item: Codable & Sendable>(_ operation: PluginOperation, _ list: PluginListRequest) async throws -> Page<Item> {
        let answer = try await call(operation, WireFormat.document(PluginListRequest.documentKey, list))
        return try decode { try WireFormat.value(PluginPage<Item>.self, at: PluginPage<Item>.documentKey, in: answer).page }
    }

    private func decode<Value>(_ body: () throws -> Value) throws -> Value {
        do {
            return try body()
        } catch {
            throw PluginFailure.malformedResponse(path, operation: "the child process", "\(error)")
        }
    }

    private func call(_ operation: PluginOperation, _ request: Data) async throws -> Data {
        try await Self.call(
            operation.rawValue, request: request, path: path, executable: executable, environment: environment, timeout: operationTimeout)
    }

    /// Runs one call in a child; its answer document, or the error it reports, crashes and timeouts included.
    private static func call(
        _ operation: String, request: Data, path: String, executable: URL, environment: [String: String], timeout: Duration
    ) async throws -> Data {
        var childEnvironment = environment
        childEnvironment["FINETUNE_PLUGIN_PATH"] = nil
        // Children run side by side and each would write the whole recording file anew, clobbering
        // this process's recording and each other's: the exchanges of isolated plugins are not recorded.
        childEnvironment[HARRecordingTransport.environmentVariable] = nil
        let child = ChildProcess(
            executable: executable,
            arguments: [commandName, "--plugin", path, "--operation", operation, "--plugin-timeout", "\(timeout.inSeconds)"],
            environment: childEnvironment)
        let (ending, output, errors) = await child.run(input: request, timeout: timeout + startupAllowance)
        let detail = Redaction.standard.text(String(decoding: errors.suffix(400), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines))
        switch ending {
        case .status(0):
            if let document = try? PluginErrorDocument(json: output), case .object(let members)? = try? JSONDecoder().decode(JSONValue.self, from: output),
                members[PluginErrorDocument.documentKey] != nil {
                throw document.error
            }
            return output
        case .status(let status):
            throw PluginFailure.childFailure(path, operation: operation, "its process exited with status \(status): \(detail)")
        case .signal(let number):
            throw PluginFailure.childFailure(path, operation: operation, "crashed with signal \(number) (\(ChildProcess.signalName(number)))")
        case .timedOut:
            throw FineTuningError(.timeout, "plugin \(path): \(operation) did not return within \(timeout.secondsText); its process was killed")
        case .notStarted(let reason):
            throw FineTuningError(.configuration, "plugin \(path): the plugin host process \(executable.path) could not start: \(reason)")
        }
    }
}

/// The child's side of `ChildProcessPluginProvider`: one call, answered with a document.
package enum PluginCallServer {
    /// The answer or error document of `operation` ("manifest" or an operation name) of the plugin at `path`.
    package static func answer(
        pluginPath path: String, operation: String, request: Data, environment: [String: String], transport: any HTTPTransport,
        operationTimeout: Duration?
    ) async -> Data {
        do {
            let plugin = try PluginLoader().load(path: path)
            if operation == "manifest" { return try WireFormat.document(PluginManifest.documentKey, plugin.manifest) }
            guard let known = PluginOperation(rawValue: operation) else {
                throw FineTuningError(.invalidRequest, "no plugin operation '\(operation)'", parameter: "operation")
            }
            let provider = try plugin.makeProvider(transport: transport, environment: environment, operationTimeout: operationTimeout)
            return try await PluginOperationDispatch.perform(known, on: provider, request)
        } catch {
            return Data(PluginErrorDocument.text(from: error).utf8)
        }
    }
}
