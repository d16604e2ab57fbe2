public import ArgumentParser
import FineTuning
import FineTuningGateway
import FineTuningLlamaCpp
import Foundation
import Hummingbird
import Logging
import Metrics
import Prometheus

/// `finetune serve`: the OpenAI-compatible fine-tuning gateway over every registered backend.
public struct ServeCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve OpenAI's fine-tuning API (files, jobs, models, chat completions) over every backend.",
        discussion: """
            Every request needs 'Authorization: Bearer KEY' with a key from 'finetune keys create NAME'.
            The store (SQLite) and uploaded files live under FINETUNE_HOME/gateway unless --database says
            otherwise; --database postgres://USER:PASSWORD@HOST:PORT/DATABASE lets several instances share
            one PostgreSQL database (each hosted job is polled by one of them at a time). SIGTERM or SIGINT
            stops accepting, finishes in-flight requests and exits 0.
            Plugins run in child processes ('finetune plugin-call'), one per operation: a plugin that
            crashes or hangs (--plugin-timeout) fails that request with a 5xx and the gateway goes on.
            A job's local model (llamacpp/PATH.gguf) must lie in FINETUNE_HOME/models or a --models-dir
            folder once symbolic links and '..' are resolved; any other answers 400.
            """)

    @Option(name: .long, help: "The address to listen on.")
    var host = "127.0.0.1"

    @Option(name: .long, help: "The port to listen on (0 picks a free one).")
    var port = 8080

    @Option(name: .long, help: "The SQLite database file (default FINETUNE_HOME/gateway/gateway.sqlite), or postgres://USER:PASSWORD@HOST:PORT/DATABASE.")
    var database: String?

    @Option(name: .long, help: "The largest upload /v1/files accepts, in bytes.")
    var maxUploadBytes: Int64 = 1 << 30

    @Option(
        name: .customLong("models-dir"),
        help: "A folder local models (llamacpp/PATH.gguf) may be named from; repeatable. FINETUNE_HOME/models always is.")
    var modelsDirectories: [String] = []

    @OptionGroup var providers: ProviderOptions
    @OptionGroup var output: OutputOptions

    public init() {}

    public func run() async throws {
        try await output.run {
            let environment = ProcessInfo.processInfo.environment
            for directory in modelsDirectories {
                var isDirectory: ObjCBool = false
                guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory), isDirectory.boolValue else {
                    throw FineTuningError(.invalidRequest, "--models-dir \(directory) is not a folder", parameter: "models-dir")
                }
            }
            var configuration = try GatewayDatabaseOption.configuration(database, environment: environment, host: host, port: port, maxUploadBytes: maxUploadBytes)
            configuration.localModels = LocalModelAllowList(
                directories: [GatewayConfiguration.defaultModelsDirectory(environment: environment).path] + modelsDirectories)
            let metrics = PrometheusCollectorRegistry()
            MetricsSystem.bootstrap(PrometheusMetricsFactory(registry: metrics))
            let gateway = try await Gateway(
                configuration: configuration, client: FineTuningClient(registry: try await CLIContext.isolatedRegistry(providers)),
                generators: [LlamaCppChatGenerator(environment: environment)], metrics: metrics, logger: Self.serverLogger)
            let application = try gateway.application { host, port in
                Terminal.line("listening on http://\(host):\(port)")
            }
            defer { ServerLogHandler.flush() }
            do {
                try await application.runService()
            } catch {
                await gateway.store.close()
                throw error
            }
            await gateway.store.close()
        }
    }
}

extension ServeCommand {
    /// The server's log (one access line per request, the pollers' warnings) keeps swift-log's stream
    /// format on stderr at info level, whatever handler the rest of the command logs through
    /// (`ServerLogHandler`, which batches the writes).
    static var serverLogger: Logger {
        Logger(label: "finetune.serve") { label in ServerLogHandler(label: label) }
    }
}

/// `--database`: a SQLite path, defaulting to the gateway directory under FINETUNE_HOME, or a PostgreSQL URL.
enum GatewayDatabaseOption {
    static func configuration(
        _ database: String?, environment: [String: String], host: String = "127.0.0.1", port: Int = 0, maxUploadBytes: Int64 = 1 << 30
    ) throws -> GatewayConfiguration {
        let directory = GatewayConfiguration.gatewayDirectory(environment: environment)
        guard (0...65535).contains(port) else {
            throw FineTuningError(.invalidRequest, "--port must be from 0 to 65535, got \(port)", parameter: "port")
        }
        return GatewayConfiguration(
            host: host, port: port,
            database: try database.map(GatewayDatabaseLocation.init(parsing:)) ?? .sqlite(path: directory.appendingPathComponent("gateway.sqlite").path),
            filesDirectory: directory.appendingPathComponent("files").path, maxUploadBytes: maxUploadBytes)
    }
}
