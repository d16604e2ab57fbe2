import FineTuning
import Foundation

/// Where the `bedrock` provider sends its calls, read from the environment (and the shared
/// config file's `region`). Endpoint overrides follow the AWS SDKs' `AWS_ENDPOINT_URL*` variables.
struct BedrockSettings: Sendable {
    let region: String
    let bedrockEndpoint: URL
    let s3Endpoint: URL
    let stsEndpoint: URL
    /// `AWS_BEDROCK_ROLE_ARN`: the service role Bedrock assumes to read the data and write the output.
    let roleARN: String?
    /// `AWS_BEDROCK_OUTPUT_S3_URI`: where Bedrock writes the job's output (metrics); local data is staged beneath it too.
    let outputURI: String?

    static let provider = "bedrock"

    /// Every variable the provider reads, for `finetune providers` and error messages.
    static let environmentKeys = [
        "AWS_REGION", "AWS_DEFAULT_REGION", "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_PROFILE",
        "AWS_SHARED_CREDENTIALS_FILE", "AWS_CONFIG_FILE", "AWS_WEB_IDENTITY_TOKEN_FILE", "AWS_ROLE_ARN",
        "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI", "AWS_CONTAINER_CREDENTIALS_FULL_URI", "AWS_EC2_METADATA_DISABLED",
        "AWS_BEDROCK_ROLE_ARN", "AWS_BEDROCK_OUTPUT_S3_URI", "AWS_ENDPOINT_URL", "AWS_ENDPOINT_URL_BEDROCK", "AWS_ENDPOINT_URL_S3",
    ]

    init(environment: [String: String]) throws {
        let value = { (name: String) -> String? in environment[name].flatMap { $0.isEmpty ? nil : $0 } }
        let profile = AWSSharedConfig(environment: environment).profile(value("AWS_PROFILE") ?? "default")
        guard let region = value("AWS_REGION") ?? value("AWS_DEFAULT_REGION") ?? profile?["region"] else {
            throw FineTuningError(
                .configuration, "no AWS region for provider 'bedrock': set AWS_REGION (Claude 3 Haiku fine-tuning runs in us-west-2)",
                provider: Self.provider, parameter: "AWS_REGION")
        }
        self.region = region
        bedrockEndpoint = try Self.endpoint(value("AWS_ENDPOINT_URL_BEDROCK") ?? value("AWS_ENDPOINT_URL"), default: "https://bedrock.\(region).amazonaws.com")
        s3Endpoint = try Self.endpoint(value("AWS_ENDPOINT_URL_S3") ?? value("AWS_ENDPOINT_URL"), default: "https://s3.\(region).amazonaws.com")
        stsEndpoint = try Self.endpoint(value("AWS_ENDPOINT_URL_STS") ?? value("AWS_ENDPOINT_URL"), default: "https://sts.\(region).amazonaws.com")
        roleARN = value("AWS_BEDROCK_ROLE_ARN")
        outputURI = value("AWS_BEDROCK_OUTPUT_S3_URI")
    }

    private static func endpoint(_ given: String?, default fallback: String) throws -> URL {
        guard let given else { return URL(string: fallback)! }
        guard let url = URL(string: given), url.scheme == "http" || url.scheme == "https", url.host != nil else {
            throw FineTuningError(.configuration, "AWS endpoint '\(given)' is not an http(s) URL", provider: provider, parameter: "AWS_ENDPOINT_URL")
        }
        return url
    }
}
