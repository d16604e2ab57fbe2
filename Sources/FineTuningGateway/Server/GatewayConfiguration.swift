import Foundation

/// Where and how `finetune serve` runs.
public struct GatewayConfiguration: Sendable {
    /// The largest JSON request body; larger ones get 413.
    static let maxJSONBodyBytes = 4 << 20

    public var host: String
    /// 0 picks a free port.
    public var port: Int
    /// The SQLite database file.
    public var databasePath: String
    /// Uploaded files, named by their SHA-256.
    public var filesDirectory: String
    /// The largest upload accepted by `/v1/files`; larger ones get 413.
    public var maxUploadBytes: Int64
    /// The folders local model files (`llamacpp/PATH.gguf`) may be named from; none by default.
    public var localModels: LocalModelAllowList

    public init(
        host: String = "127.0.0.1", port: Int = 0, databasePath: String, filesDirectory: String, maxUploadBytes: Int64 = 1 << 30,
        localModels: LocalModelAllowList = LocalModelAllowList(directories: [])
    ) {
        self.host = host
        self.port = port
        self.databasePath = databasePath
        self.filesDirectory = filesDirectory
        self.maxUploadBytes = maxUploadBytes
        self.localModels = localModels
    }

    /// The defaults under `FINETUNE_HOME` (or `~/.finetune`): `gateway/gateway.sqlite` and `gateway/files/`.
    public static func gatewayDirectory(environment: [String: String]) -> URL {
        homeDirectory(environment: environment).appendingPathComponent("gateway", isDirectory: true)
    }

    /// The folder local models are served from when no `--models-dir` is given: `FINETUNE_HOME/models`
    /// (or `~/.finetune/models`).
    public static func defaultModelsDirectory(environment: [String: String]) -> URL {
        homeDirectory(environment: environment).appendingPathComponent("models", isDirectory: true)
    }

    private static func homeDirectory(environment: [String: String]) -> URL {
        environment["FINETUNE_HOME"].map { URL(fileURLWithPath: $0) }
            ?? FileManager.default.homeDirectoryForCurrentUser.appendingPathComponent(".finetune")
    }
}
