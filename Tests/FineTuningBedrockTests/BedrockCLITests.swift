import FineTuning
import FineTuningHTTP
import Foundation
import Testing

@testable import FineTuningBedrock

/// `finetune create --model bedrock/... --training-file local.jsonl --option role_arn=... --wait`
/// against moto's server: the file is staged in S3, the job created and polled; moto keeps a job
/// InProgress until it is stopped, so the test stops it and `--wait` ends on the cancelled job.
@Suite struct BedrockCLITests {
    /// The `finetune` executable, built beside the test bundle.
    static let executable = URL(fileURLWithPath: CommandLine.arguments[0]).standardizedFileURL
        .deletingLastPathComponent().appendingPathComponent("finetune")

    @Test func createWaitAgainstMoto() async throws {
        #expect(FileManager.default.isExecutableFile(atPath: Self.executable.path), "finetune is not built at \(Self.executable.path)")
        let moto = try MotoServer()
        defer { moto.stop() }
        let environment = moto.environment()
        let provider = try BedrockAdapter.makeProvider(environment: environment, transport: CurlTransport())
        let configuration = "<CreateBucketConfiguration><LocationConstraint>us-west-2</LocationConstraint></CreateBucketConfiguration>"
        try await provider.s3.send(.put, S3Location(bucket: "bucket", key: ""), body: .data(Data(configuration.utf8)))

        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("bedrock-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let local = directory.appendingPathComponent("local.jsonl")
        try FileManager.default.copyItem(at: URL(fileURLWithPath: BedrockMotoTests.trainingFile), to: local)
        let output = directory.appendingPathComponent("stdout"), errors = directory.appendingPathComponent("stderr")
        _ = FileManager.default.createFile(atPath: output.path, contents: nil)
        _ = FileManager.default.createFile(atPath: errors.path, contents: nil)

        let process = Process()
        process.executableURL = Self.executable
        process.currentDirectoryURL = directory
        process.arguments = [
            "create", "--model", "bedrock/anthropic.claude-3-haiku-20240307-v1:0:200k", "--training-file", "local.jsonl",
            "--option", "role_arn=\(BedrockMotoTests.role)", "--option", "output_uri=s3://bucket/out", "--epochs", "3",
            "--wait", "--poll-interval", "0.2", "--timeout", "60",
        ]
        process.environment = environment
        process.standardOutput = try FileHandle(forWritingTo: output)
        process.standardError = try FileHandle(forWritingTo: errors)
        try process.run()

        // Once the job exists and the CLI polls it, stop it as a user would from another shell.
        var jobs: [FineTuningJob] = []
        for _ in 0..<300 where jobs.isEmpty {
            try await Task.sleep(nanoseconds: 100_000_000)
            jobs = try await provider.listJobs(PageRequest(), filter: JobFilter()).items
        }
        let job = try #require(jobs.first, "the CLI created no job; stderr: \((try? String(contentsOf: errors, encoding: .utf8)) ?? "")")
        try await Task.sleep(nanoseconds: 500_000_000)
        _ = try await provider.cancelJob(id: job.id.native)
        process.waitUntilExit()

        let printed = try String(contentsOf: output, encoding: .utf8), complaints = try String(contentsOf: errors, encoding: .utf8)
        #expect(process.terminationStatus == 1, "stdout: \(printed)\nstderr: \(complaints)")
        #expect(printed.contains("bedrock:\(job.id.native)"), "\(printed)")
        #expect(printed.contains("cancelled"), "\(printed)")
        // What the job was created with: the staged file byte for byte, epochs as a string.
        let created = try await provider.getJob(id: job.id.native)
        #expect(created.raw?["hyperParameters"]?["epochCount"] == "3")
        #expect(created.raw?["roleArn"]?.stringValue == BedrockMotoTests.role)
        let staged = try S3Location(parsing: try #require(created.trainingData), parameter: "t", provider: "bedrock")
        #expect(try await provider.s3.send(.get, staged).body == (try Data(contentsOf: local)))
        #expect(!complaints.contains("wJalrXUtnFEMI"), "a secret reached stderr")
        #expect(!printed.contains("wJalrXUtnFEMI"), "a secret reached stdout")
    }
}
