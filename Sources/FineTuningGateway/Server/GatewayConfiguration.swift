public import Foundation

/// Where and how `finetune serve` runs.
public struct GatewayConfiguration: Sendable {
    /// The largest JSON request body; larger ones get 413.
    static let maxJSONBodyBytes = 4 << 20

    public var host: String
    /// 0 picks a free port.
    public var port: Int
    /// The store: a SQLite file or a PostgreSQL database.
    public var database: GatewayDatabaseLocation
    /// Uploaded files, named by their SHA-256.
    public var filesDirectory: String
    /// The largest upload accepted by `/v1/files`; larger ones get 413.
    public var maxUploadBytes: Int64
    /// The folders local model files (`llamacpp/PATH.gguf`) may be named from; none by default.
    public var localModels: LocalModelAllowList

    /// This instance's name in poll leases: unique per process, so instances sharing a database tell
    /// their leases apart.
    public var instanceID: String
    /// How long a poll lease lasts unless renewed (it must outlast one poll of the backend); another
    /// instance takes the job over after it, so it is also how long a killed instance's jobs wait.
    public var pollLease: Duration
    /// How long an active key is trusted without reading the database again: a key revoked by another
    /// process keeps working for at most this long.
    public var keyCacheLifetime: Duration
    /// The clock key cache entries expire on (tests inject one they move by hand).
    public var clock: any Clock<Duration>

    public init(
        host: String = "127.0.0.1", port: Int = 0, database: GatewayDatabaseLocation, filesDirectory: String, maxUploadBytes: Int64 = 1 << 30,
        instanceID: String = GatewayConfiguration.newInstanceID(), pollLease: Duration = .seconds(15),
        localModels: LocalModelAllowList = LocalModelAllowList(directories: []),
        keyCacheLifetime: Duration = GatewayStore.defaultKeyCacheLifetime, clock: any Clock<Duration> = ContinuousClock()
    ) {
        self.host = host
        self.port = port
        self.database = database
        self.filesDirectory = filesDirectory
        self.maxUploadBytes = maxUploadBytes
        self.instanceID = instanceID
        self.pollLease = pollLease
        self.localModels = localModels
        self.keyCacheLifetime = keyCacheLifetime
        self.clock = clock
    }

    /// `HOST-PID-RANDOM`: readable in the database, and distinct even for two instances in one process.
    public static func newInstanceID() -> String {
        "\(ProcessInfo.processInfo.hostName)-\(ProcessInfo.processInfo.processIdentifier)-\(UUID().uuidString.prefix(8).lowercased())"
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
