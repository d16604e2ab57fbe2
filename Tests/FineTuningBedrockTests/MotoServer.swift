#if canImport(Glibc)
import Glibc
#endif
import Foundation

/// moto's server (`scripts/setup-moto.sh` installs it into .deps/moto) started on 127.0.0.1 on a
/// free port for one test, and stopped when the test ends: the AWS peer for Bedrock, S3 and STS.
final class MotoServer: @unchecked Sendable {
    let port: Int
    private let process: Process
    private let log: URL

    var endpoint: String { "http://127.0.0.1:\(port)" }

    /// The package root, from this file's path.
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// `FINETUNE_MOTO_SERVER`, else `.deps/moto/bin/moto_server` of the package.
    static var executable: String {
        ProcessInfo.processInfo.environment["FINETUNE_MOTO_SERVER"] ?? packageRoot.appendingPathComponent(".deps/moto/bin/moto_server").path
    }

    enum Failure: Error, CustomStringConvertible {
        case missing(String), notStarted(String)
        var description: String {
            switch self {
            case .missing(let path): "moto_server not found at \(path): run bash scripts/setup-moto.sh"
            case .notStarted(let log): "moto_server did not answer within 30 s; its output: \(log)"
            }
        }
    }

    init() throws {
        guard FileManager.default.isExecutableFile(atPath: Self.executable) else { throw Failure.missing(Self.executable) }
        port = try Self.freePort()
        log = FileManager.default.temporaryDirectory.appendingPathComponent("moto-\(UUID().uuidString).log")
        _ = FileManager.default.createFile(atPath: log.path, contents: nil)
        process = Process()
        process.executableURL = URL(fileURLWithPath: Self.executable)
        process.arguments = ["-H", "127.0.0.1", "-p", String(port)]
        let output = try FileHandle(forWritingTo: log)
        process.standardOutput = output
        process.standardError = output
        try process.run()
        let deadline = Date().addingTimeInterval(30)
        while !Self.answers(port: port) {
            guard Date() < deadline, process.isRunning else {
                stop()
                throw Failure.notStarted((try? String(contentsOf: log, encoding: .utf8)) ?? "")
            }
            Thread.sleep(forTimeInterval: 0.1)
        }
    }

    func stop() {
        // moto_server's SIGTERM handler calls sys.exit on the main thread only, which leaves the
        // serving thread running: it is killed outright (it holds nothing but memory).
        if process.isRunning {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }
        try? FileManager.default.removeItem(at: log)
    }

    deinit { stop() }

    /// An environment pointing every AWS client at this server, with fake keys.
    func environment(region: String = "us-west-2") -> [String: String] {
        [
            "AWS_ACCESS_KEY_ID": "AKIDEXAMPLE", "AWS_SECRET_ACCESS_KEY": "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
            "AWS_REGION": region, "AWS_ENDPOINT_URL": endpoint, "AWS_EC2_METADATA_DISABLED": "true",
            "HOME": FileManager.default.temporaryDirectory.appendingPathComponent("no-home-\(UUID().uuidString)").path,
        ]
    }

    /// True once something accepts TCP connections on the port (Werkzeug binds when it is ready to serve).
    private static func answers(port: Int) -> Bool {
        let connection = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(connection) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = UInt16(port).bigEndian
        return withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(connection, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0 }
        }
    }

    /// A port the kernel just handed out and released.
    private static func freePort() throws -> Int {
        let socket = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(socket) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(socket, $0, length) == 0 && getsockname(socket, $0, &length) == 0 }
        }
        guard bound else { throw Failure.notStarted("no free port") }
        return Int(UInt16(bigEndian: address.sin_port))
    }
}
