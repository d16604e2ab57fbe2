import FineTuning
import Foundation

/// The gcloud CLI's own login: `gcloud auth print-access-token`. gcloud does not say when the
/// token expires, so it is kept for a short, safe time and then asked for again.
struct GcloudCredentials: GoogleCredentialSource {
    /// How long a printed token is used before gcloud is asked again.
    static let assumedLifetime: TimeInterval = 600

    let executable: String
    let provider: String

    var name: String { "gcloud auth print-access-token (\(executable))" }

    /// The `gcloud` executable on `PATH`, if there is one.
    static func find(environment: [String: String]) -> String? {
        let path = environment["PATH"] ?? ""
        return path.split(separator: ":").map { String($0) + "/gcloud" }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    func fetchToken(now: Date) async throws -> AccessToken {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = ["auth", "print-access-token"]
        let output = Pipe()
        let errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        process.standardInput = FileHandle.nullDevice
        let status: Int32 = try await withCheckedThrowingContinuation { continuation in
            process.terminationHandler = { continuation.resume(returning: $0.terminationStatus) }
            do {
                try process.run()
            } catch {
                process.terminationHandler = nil
                continuation.resume(throwing: FineTuningError(.configuration, "\(name) could not be started: \(error.localizedDescription)", provider: provider))
            }
        }
        let token = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        guard status == 0, !token.isEmpty, !token.contains(where: \.isWhitespace) else {
            let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
                .trimmingCharacters(in: .whitespacesAndNewlines).prefix(300)
            throw FineTuningError(
                .authentication, "\(name) failed (exit \(status)): \(message.isEmpty ? "no token printed" : String(message)); run `gcloud auth login`",
                provider: provider)
        }
        return AccessToken(value: token, expiresAt: now.addingTimeInterval(Self.assumedLifetime))
    }
}
