import FineTuning
import FineTuningHTTP
import Foundation

/// The Compute Engine metadata server (GCE, GKE, Cloud Run, Cloud Functions): the attached
/// service account's token from `/computeMetadata/v1/instance/service-accounts/default/token`.
/// `GCE_METADATA_HOST` replaces the default host, as in Google's libraries.
struct MetadataServerCredentials: GoogleCredentialSource {
    static let defaultHost = "metadata.google.internal"

    let host: String
    let exchange: OAuthTokenExchange

    var name: String { "metadata server \(host)" }

    /// True when a metadata server should be there: `GCE_METADATA_HOST` is set, the machine
    /// says it is a Google Compute Engine VM, or a Cloud Run / Cloud Functions variable is set.
    /// Nothing is sent to find out, so machines off Google Cloud never probe the link-local address.
    static func isAvailable(environment: [String: String], productNamePath: String) -> Bool {
        if environment["GCE_METADATA_HOST"]?.isEmpty == false { return true }
        if ["K_SERVICE", "CLOUD_RUN_JOB", "FUNCTION_TARGET"].contains(where: { environment[$0]?.isEmpty == false }) { return true }
        let product = FileManager.default.contents(atPath: productNamePath).map { String(decoding: $0, as: UTF8.self) } ?? ""
        return product.hasPrefix("Google")
    }

    func fetchToken(now: Date) async throws -> AccessToken {
        let url = URL(string: "http://\(host)/computeMetadata/v1/instance/service-accounts/default/token")!
        let request = HTTPRequest(method: .get, url: url, headers: ["Metadata-Flavor": "Google"], timeout: .seconds(5))
        return try await exchange.send(request, source: name, now: now)
    }
}
