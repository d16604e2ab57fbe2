import ArgumentParser
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
            otherwise. SIGTERM or SIGINT stops accepting, finishes in-flight requests and exits 0.
            A job's local model (llamacpp/PATH.gguf) must lie in FINETUNE_HOME/models or a --models-dir
            folder once symbolic links and '..' are resolved; any other answers 400.
            """)

    @Option(name: .long, help: "The address to listen on.")
    var host = "127.0.0.1"

    @Option(name: .long, help: "The port to listen on (0 picks a free one).")
    var port = 8080

    @Option(name: .long, help: "The SQLite database file (default FINETUNE_HOME/gateway/gateway.sqlite).")
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
            let gateway = try Gateway(
                configuration: configuration, client: try CLIContext.client(providers),
                generators: [LlamaCppChatGenerator(environment: environment)], metrics: metrics)
            let application = try gateway.application { host, port in
                Terminal.line("listening on http://\(host):\(port)")
            }
            try await application.runService()
        }
    }
}

/// `--database`: a SQLite path, defaulting to the gateway directory under FINETUNE_HOME.
enum GatewayDatabaseOption {
    static func configuration(
        _ database: String?, environment: [String: String], host: String = "127.0.0.1", port: Int = 0, maxUploadBytes: Int64 = 1 << 30
    ) throws -> GatewayConfiguration {
        let directory = GatewayConfiguration.gatewayDirectory(environment: environment)
        if let database, database.hasPrefix("postgres://") || database.hasPrefix("postgresql://") {
            throw FineTuningError(.configuration, "this build of the gateway stores in SQLite only; give --database a file path", parameter: "database")
        }
        guard (0...65535).contains(port) else {
            throw FineTuningError(.invalidRequest, "--port must be from 0 to 65535, got \(port)", parameter: "port")
        }
        return GatewayConfiguration(
            host: host, port: port, databasePath: database ?? directory.appendingPathComponent("gateway.sqlite").path,
            filesDirectory: directory.appendingPathComponent("files").path, maxUploadBytes: maxUploadBytes)
    }
}
