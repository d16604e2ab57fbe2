import FineTuning
import FineTuningHTTP
import FineTuningProviders
import Foundation
import Testing

@testable import FineTuningBedrock

/// The `bedrock` provider against moto's server (a real implementation of Bedrock model
/// customization, S3 and STS) on 127.0.0.1: create from a local file, get, list every page with
/// filters, stop, events from the metrics CSV, and the staged object byte for byte.
@Suite(.serialized) struct BedrockMotoTests {
    static let model = "anthropic.claude-3-haiku-20240307-v1:0:200k"
    static let role = "arn:aws:iam::123456789012:role/BedrockFineTuning"
    static let trainingFile = MotoServer.packageRoot.appendingPathComponent("Examples/data/support-faq.jsonl").path

    /// A provider on `moto` with the bucket `bucket` made.
    private func provider(_ moto: MotoServer, environment extra: [String: String] = [:], makeBucket: Bool = true) async throws -> BedrockProvider {
        let environment = moto.environment().merging(extra) { $1 }
        let provider = try BedrockAdapter.makeProvider(environment: environment, transport: CurlTransport())
        guard makeBucket else { return provider }
        let configuration = "<CreateBucketConfiguration><LocationConstraint>us-west-2</LocationConstraint></CreateBucketConfiguration>"
        try await provider.s3.send(.put, S3Location(bucket: "bucket", key: ""), body: .data(Data(configuration.utf8)))
        return provider
    }

    private func request(_ provider: BedrockProvider, epochs: Int = 2, token: String = UUID().uuidString.lowercased()) throws -> ProviderJobRequest {
        ProviderJobRequest(
            baseModel: Self.model, trainingData: .localFile(path: Self.trainingFile),
            hyperparameters: try provider.descriptor.hyperparameters.translate(Hyperparameters(epochs: epochs, batchSize: 8)),
            labels: ["team": "support"], options: ["role_arn": .string(Self.role), "output_uri": "s3://bucket/out"], clientToken: token)
    }

    @Test func createGetListStopAgainstMoto() async throws {
        let moto = try MotoServer()
        defer { moto.stop() }
        let provider = try await provider(moto)

        let created = try await provider.createJob(try request(provider, token: "first-token"))
        #expect(created.id.description == "bedrock:finetune-first-token")
        #expect(created.status == .queued)
        let staged = try #require(created.trainingData)
        #expect(staged == "s3://bucket/out/finetune-staging/finetune-first-token/training-support-faq.jsonl")
        // The object in S3 is the local file, byte for byte.
        let object = try await provider.s3.send(.get, try S3Location(parsing: staged, parameter: "t", provider: "bedrock"))
        #expect(object.body == (try Data(contentsOf: URL(fileURLWithPath: Self.trainingFile))))

        let fetched = try await provider.getJob(id: created.id.native)
        #expect(fetched.status == .running)
        #expect(fetched.providerStatus == "InProgress")
        #expect(fetched.baseModel == Self.model)
        #expect(fetched.hyperparameters.epochs == 2)
        #expect(fetched.hyperparameters.batchSize == 8)
        #expect(fetched.raw?["hyperParameters"]?["epochCount"] == "2")
        #expect(fetched.raw?["roleArn"]?.stringValue == Self.role)
        #expect(fetched.error == nil)

        _ = try await provider.createJob(try request(provider, token: "second-token"))
        _ = try await provider.createJob(try request(provider, token: "third-token"))
        let all = try await PagedSequence(first: PageRequest(limit: 1)) { try await provider.listJobs($0, filter: JobFilter()) }.collect()
        #expect(Set(all.map(\.id.native)) == ["finetune-first-token", "finetune-second-token", "finetune-third-token"])

        let stopped = try await provider.cancelJob(id: "finetune-second-token")
        #expect(stopped.status == .cancelled)
        #expect(stopped.providerStatus == "Stopped")
        let cancelled = try await PagedSequence(first: PageRequest(limit: 1)) { try await provider.listJobs($0, filter: JobFilter(statuses: [.cancelled])) }.collect()
        #expect(cancelled.map(\.id.native) == ["finetune-second-token"])
        let running = try await PagedSequence(first: PageRequest()) { try await provider.listJobs($0, filter: JobFilter(statuses: [.running])) }.collect()
        #expect(Set(running.map(\.id.native)) == ["finetune-first-token", "finetune-third-token"])

        await #expect(throws: FineTuningError.self) { try await provider.getJob(id: "finetune-no-such-job") }
        do {
            _ = try await provider.getJob(id: "finetune-no-such-job")
        } catch let error as FineTuningError {
            #expect(error.code == .notFound)
            #expect(error.providerCode == "ResourceNotFoundException")
        }
    }

    /// The step-wise metrics CSV Bedrock writes under the output folder becomes one event per step.
    @Test func metricsCSVFromS3BecomeEvents() async throws {
        let moto = try MotoServer()
        defer { moto.stop() }
        let provider = try await provider(moto)
        let created = try await provider.createJob(try request(provider, token: "metrics-token"))
        #expect(try await provider.listEvents(jobID: created.id.native, page: PageRequest()).items.isEmpty)

        let job = try await provider.getJob(id: created.id.native)
        let location = try #require(try BedrockTrainingMetrics.location(of: job, provider: "bedrock"))
        let csv = "step_number,epoch_number,training_loss,perplexity\n1,0,2.5,12.18\n2,0,1.75,5.75\n3,1,0.5,1.65\n"
        try await provider.s3.send(.put, location, body: .data(Data(csv.utf8)))
        let events = try await provider.listEvents(jobID: created.id.native, page: PageRequest()).items
        #expect(events.map(\.metrics?.step) == [1, 2, 3])
        #expect(events.map(\.metrics?.trainLoss) == [2.5, 1.75, 0.5])
        #expect(events.last?.metrics?.epoch == 1)
    }

    /// Above the threshold the upload goes multipart; the object is still the file byte for byte.
    @Test func multipartUploadIsByteEqual() async throws {
        let moto = try MotoServer()
        defer { moto.stop() }
        let provider = try await provider(moto)
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("bedrock-multipart-\(UUID().uuidString).jsonl")
        defer { try? FileManager.default.removeItem(at: file) }
        var bytes = Data(count: 11 * 1024 * 1024 + 123)
        bytes.withUnsafeMutableBytes { buffer in
            var state: UInt64 = 0x9E37_79B9_7F4A_7C15
            for index in buffer.indices {
                state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                buffer[index] = UInt8(truncatingIfNeeded: state >> 56)
            }
        }
        try bytes.write(to: file)
        let uploader = S3Uploader(client: provider.s3, multipartThreshold: 5 * 1024 * 1024, partSize: 5 * 1024 * 1024)
        let location = S3Location(bucket: "bucket", key: "big/data.jsonl")
        #expect(try await uploader.upload(path: file.path, to: location) == "s3://bucket/big/data.jsonl")
        let stored = try await provider.s3.send(.get, location)
        #expect(stored.body.count == bytes.count)
        #expect(stored.body == bytes)
        // Three parts: the ETag of a multipart object ends in -3.
        let head = try await provider.s3.send(.head, location)
        #expect(head.headers["ETag"]?.hasSuffix("-3\"") == true)
    }

    /// Missing role ARN and output prefix are configuration errors naming the option and the variable.
    @Test func roleAndOutputAreRequired() async throws {
        let moto = try MotoServer()
        defer { moto.stop() }
        let provider = try await provider(moto)
        var request = try request(provider)
        request.options = ["output_uri": "s3://bucket/out"]
        do {
            _ = try await provider.createJob(request)
            Issue.record("a create without a role succeeded")
        } catch let error as FineTuningError {
            #expect(error.code == .configuration)
            #expect(error.parameter == "role_arn")
            #expect(error.message.contains("AWS_BEDROCK_ROLE_ARN"))
        }
        request.options = ["role_arn": .string(Self.role)]
        do {
            _ = try await provider.createJob(request)
            Issue.record("a create without an output prefix succeeded")
        } catch let error as FineTuningError {
            #expect(error.code == .configuration)
            #expect(error.parameter == "output_uri")
        }
        // The role from the environment is enough.
        let fromEnvironment = try await self.provider(moto, environment: ["AWS_BEDROCK_ROLE_ARN": Self.role, "AWS_BEDROCK_OUTPUT_S3_URI": "s3://bucket/env"], makeBucket: false)
        var plain = try self.request(fromEnvironment)
        plain.options = [:]
        let created = try await fromEnvironment.createJob(plain)
        #expect(try await fromEnvironment.getJob(id: created.id.native).raw?["outputDataConfig"]?["s3Uri"] == "s3://bucket/env")
    }

    /// Web identity: the token file is exchanged at moto's STS for temporary credentials, which then sign.
    @Test func webIdentityCredentialsComeFromSTS() async throws {
        let moto = try MotoServer()
        defer { moto.stop() }
        let tokenFile = FileManager.default.temporaryDirectory.appendingPathComponent("web-identity-\(UUID().uuidString)")
        try Data("eyJhbGciOiJSUzI1NiJ9.e30.c2lnbmF0dXJl".utf8).write(to: tokenFile)
        defer { try? FileManager.default.removeItem(at: tokenFile) }
        var environment = moto.environment()
        environment["AWS_ACCESS_KEY_ID"] = nil
        environment["AWS_SECRET_ACCESS_KEY"] = nil
        environment["AWS_WEB_IDENTITY_TOKEN_FILE"] = tokenFile.path
        environment["AWS_ROLE_ARN"] = Self.role
        let settings = try BedrockSettings(environment: environment)
        let chain = AWSCredentialChain(environment: environment, transport: CurlTransport(), provider: "bedrock", stsEndpoint: settings.stsEndpoint)
        let source = try await chain.resolve()
        #expect(source is WebIdentityCredentials)
        let credentials = try await source.fetch()
        #expect(!credentials.accessKeyID.isEmpty)
        #expect(credentials.sessionToken?.isEmpty == false)
        #expect(credentials.expiration != nil)
    }
}
