public import Foundation
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

    public init(host: String = "127.0.0.1", port: Int = 0, databasePath: String, filesDirectory: String, maxUploadBytes: Int64 = 1 << 30) {
        self.host = host
        self.port = port
        self.databasePath = databasePath
        self.filesDirectory = filesDirectory
        self.maxUploadBytes = maxUploadBytes
    }

    /// The defaults under `FINETUNE_HOME` (or `~/.finetune`): `gateway/gateway.sqlite` and `gateway/files/`.
    public static func gatewayDirectory(environment: [String: String]) -> URL {
        let home = environment["FINETUNE_HOME"].map { URL(fileURLWithPath: $0) }
            ?? FileManager.default.homeDirectoryForCurrentUser.appendingPathComponent(".finetune")
        return home.appendingPathComponent("gateway", isDirectory: true)
    }
}
