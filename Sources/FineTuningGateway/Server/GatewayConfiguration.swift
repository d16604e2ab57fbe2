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

    /// This instance's name in poll leases: unique per process, so instances sharing a database tell
    /// their leases apart.
    public var instanceID: String
    /// How long a poll lease lasts unless renewed (it must outlast one poll of the backend); another
    /// instance takes the job over after it, so it is also how long a killed instance's jobs wait.
    public var pollLease: Duration

    public init(
        host: String = "127.0.0.1", port: Int = 0, database: GatewayDatabaseLocation, filesDirectory: String, maxUploadBytes: Int64 = 1 << 30,
        instanceID: String = GatewayConfiguration.newInstanceID(), pollLease: Duration = .seconds(15)
    ) {
        self.host = host
        self.port = port
        self.database = database
        self.filesDirectory = filesDirectory
        self.maxUploadBytes = maxUploadBytes
        self.instanceID = instanceID
        self.pollLease = pollLease
    }

    /// `HOST-PID-RANDOM`: readable in the database, and distinct even for two instances in one process.
    public static func newInstanceID() -> String {
        "\(ProcessInfo.processInfo.hostName)-\(ProcessInfo.processInfo.processIdentifier)-\(UUID().uuidString.prefix(8).lowercased())"
    }

    /// The defaults under `FINETUNE_HOME` (or `~/.finetune`): `gateway/gateway.sqlite` and `gateway/files/`.
    public static func gatewayDirectory(environment: [String: String]) -> URL {
        let home = environment["FINETUNE_HOME"].map { URL(fileURLWithPath: $0) }
            ?? FileManager.default.homeDirectoryForCurrentUser.appendingPathComponent(".finetune")
        return home.appendingPathComponent("gateway", isDirectory: true)
    }
}
