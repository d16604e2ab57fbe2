import FineTuning
import Foundation

/// Where the Vertex providers send requests: project, location, hosts and the staging bucket,
/// read from the environment (and per create from the `project` / `location` options).
struct VertexSettings: Sendable {
    /// The environment variables the Vertex providers read.
    static let environmentKeys = [
        "VERTEX_AI_PROJECT", "GOOGLE_CLOUD_PROJECT", "VERTEX_AI_LOCATION", "GOOGLE_CLOUD_LOCATION",
        "VERTEX_ACCESS_TOKEN", "GOOGLE_APPLICATION_CREDENTIALS", "VERTEX_AI_STAGING_BUCKET",
        "VERTEX_AI_BASE_URL", "VERTEX_AI_STORAGE_BASE_URL", "GCE_METADATA_HOST", "CLOUDSDK_CONFIG",
    ]

    /// The location used when none is set.
    static let defaultLocation = "us-central1"

    let project: String
    let location: String
    /// Replaces `https://{location}-aiplatform.googleapis.com` for every location (tests, private endpoints).
    let baseURLOverride: URL?
    let storageBaseURL: URL
    /// `gs://bucket/prefix` where local files are staged and open-model outputs are written.
    let stagingBucket: CloudStorageLocation?

    /// Reads the settings; `fallbackProject` is the project named by the credentials file, if any.
    init(environment: [String: String], provider: String, fallbackProject: String?) throws {
        func value(_ keys: String...) -> String? {
            keys.lazy.compactMap { environment[$0]?.trimmingCharacters(in: .whitespaces) }.first { !$0.isEmpty }
        }
        guard let project = value("VERTEX_AI_PROJECT", "GOOGLE_CLOUD_PROJECT") ?? fallbackProject else {
            throw FineTuningError(
                .configuration,
                "no Google Cloud project for provider '\(provider)': set VERTEX_AI_PROJECT or GOOGLE_CLOUD_PROJECT (or use a service-account key that names its project_id)",
                provider: provider, parameter: "GOOGLE_CLOUD_PROJECT")
        }
        self.project = project
        location = try Self.checkedLocation(value("VERTEX_AI_LOCATION", "GOOGLE_CLOUD_LOCATION") ?? Self.defaultLocation, provider: provider)
        baseURLOverride = try value("VERTEX_AI_BASE_URL").map { try Self.url($0, key: "VERTEX_AI_BASE_URL", provider: provider) }
        storageBaseURL = try Self.url(value("VERTEX_AI_STORAGE_BASE_URL") ?? "https://storage.googleapis.com", key: "VERTEX_AI_STORAGE_BASE_URL", provider: provider)
        stagingBucket = try value("VERTEX_AI_STAGING_BUCKET").map { text in
            guard let bucket = CloudStorageLocation(bucketOrURI: text) else {
                throw FineTuningError(
                    .configuration, "VERTEX_AI_STAGING_BUCKET = '\(text)' is not a bucket name or gs://bucket/prefix",
                    provider: provider, parameter: "VERTEX_AI_STAGING_BUCKET")
            }
            return bucket
        }
    }

    /// The API base URL for `location`: `aiplatform.googleapis.com` for `global`.
    func baseURL(location: String) -> URL {
        if let baseURLOverride { return baseURLOverride }
        let host = location == "global" ? "aiplatform.googleapis.com" : "\(location)-aiplatform.googleapis.com"
        return URL(string: "https://\(host)")!
    }

    /// A location is a lowercase region name (`us-central1`, `europe-west4`, `global`).
    static func checkedLocation(_ location: String, provider: String) throws -> String {
        guard !location.isEmpty, location.allSatisfy({ $0.isLowercase || $0.isNumber || $0 == "-" }), location.allSatisfy(\.isASCII) else {
            throw FineTuningError(
                .configuration, "location '\(location)' is not a Vertex AI region such as us-central1 or global (set VERTEX_AI_LOCATION or GOOGLE_CLOUD_LOCATION)",
                provider: provider, parameter: "location")
        }
        return location
    }

    private static func url(_ text: String, key: String, provider: String) throws -> URL {
        guard let url = URL(string: text), let scheme = url.scheme, ["http", "https"].contains(scheme), url.host != nil else {
            throw FineTuningError(.configuration, "\(key) = '\(text)' is not an http(s) URL", provider: provider, parameter: key)
        }
        return url
    }
}
