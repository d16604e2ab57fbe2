import FineTuning
import FineTuningHTTP
import Foundation

/// Finds Google credentials the way Google's client libraries do (application default
/// credentials), first match wins:
/// 1. `VERTEX_ACCESS_TOKEN` (an explicit token);
/// 2. `GOOGLE_APPLICATION_CREDENTIALS`: a service-account key or authorized-user file;
/// 3. gcloud's application-default file (`$CLOUDSDK_CONFIG` or `~/.config/gcloud`/application_default_credentials.json);
/// 4. `gcloud auth print-access-token`, when gcloud is on `PATH`;
/// 5. the metadata server, when running on Google Cloud (or `GCE_METADATA_HOST` is set).
/// When none applies, the error lists every source tried and what to set.
struct CredentialChain: Sendable {
    let environment: [String: String]
    let exchange: OAuthTokenExchange
    /// Where Linux says what machine this is ("Google Compute Engine" on GCE).
    var productNamePath = "/sys/class/dmi/id/product_name"

    /// The first source that applies to this environment.
    func resolve() throws -> any GoogleCredentialSource {
        var tried: [String] = []
        if let token = value("VERTEX_ACCESS_TOKEN") { return ExplicitTokenCredentials(token: token) }
        tried.append("VERTEX_ACCESS_TOKEN: not set")
        if let path = value("GOOGLE_APPLICATION_CREDENTIALS") {
            return try CredentialsFile.source(path: path, origin: "GOOGLE_APPLICATION_CREDENTIALS", exchange: exchange)
        }
        tried.append("GOOGLE_APPLICATION_CREDENTIALS: not set")
        if let path = applicationDefaultFile {
            if FileManager.default.fileExists(atPath: path) {
                return try CredentialsFile.source(path: path, origin: "gcloud application-default credentials", exchange: exchange)
            }
            tried.append("gcloud application-default credentials: no file at \(path)")
        } else {
            tried.append("gcloud application-default credentials: neither CLOUDSDK_CONFIG nor HOME is set")
        }
        if let gcloud = GcloudCredentials.find(environment: environment) {
            return GcloudCredentials(executable: gcloud, provider: exchange.provider)
        }
        tried.append("gcloud auth print-access-token: no gcloud on PATH")
        if MetadataServerCredentials.isAvailable(environment: environment, productNamePath: productNamePath) {
            return MetadataServerCredentials(host: value("GCE_METADATA_HOST") ?? MetadataServerCredentials.defaultHost, exchange: exchange)
        }
        tried.append("metadata server: not running on Google Cloud (GCE_METADATA_HOST not set)")
        throw FineTuningError(
            .authentication,
            "no Google Cloud credentials found for provider '\(exchange.provider)'. Set VERTEX_ACCESS_TOKEN to an access token, set GOOGLE_APPLICATION_CREDENTIALS to a service-account key file, or run `gcloud auth application-default login`",
            provider: exchange.provider, details: ["sources tried:"] + tried.map { "- " + $0 })
    }

    /// The project the credentials file names, for when no project variable is set.
    var projectHint: String? {
        (value("GOOGLE_APPLICATION_CREDENTIALS") ?? applicationDefaultFile).flatMap(CredentialsFile.projectHint(path:))
    }

    /// gcloud's application-default credentials file.
    var applicationDefaultFile: String? {
        let directory = value("CLOUDSDK_CONFIG") ?? value("HOME").map { $0 + "/.config/gcloud" }
        return directory.map { $0 + "/application_default_credentials.json" }
    }

    private func value(_ key: String) -> String? {
        environment[key].flatMap { $0.isEmpty ? nil : $0 }
    }
}
