import ArgumentParser
import FineTuning

/// `finetune get ID`.
struct GetCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "get", abstract: "Show a job.")

    @Argument(help: "Job id, PROVIDER:ID.") var id: String
    @OptionGroup var providers: ProviderOptions
    @OptionGroup var output: OutputOptions

    func run() async throws {
        try await output.run {
            let client = try CLIContext.client(providers)
            let job = try await client.job(try client.registry.jobID(parsing: id))
            if output.json { try output.printDocument("job", job) } else { Terminal.line(JobRendering.summary(job)) }
        }
    }
}

/// `finetune list --provider P`: every job, all pages.
struct ListCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List a provider's jobs (all pages).")

    @Option(name: .long, help: "Provider id.") var provider: String
    @Option(name: .long, help: "Only jobs in this state (repeatable).") var status: [JobStatus] = []
    @Option(name: .long, help: "Only jobs with this KEY=VALUE label (repeatable).") var label: [String] = []
    @Option(name: .long, help: "Stop after this many jobs.") var limit: Int?
    @Option(name: .long, help: "Page size to ask the provider for.") var pageSize: Int?
    @OptionGroup var providers: ProviderOptions
    @OptionGroup var output: OutputOptions

    func run() async throws {
        try await output.run {
            let statuses = status.isEmpty ? nil : status
            let filter = JobFilter(statuses: statuses, labels: try KeyValueParsing.strings(label, option: "--label"))
            var jobs: [FineTuningJob] = []
            for try await job in try CLIContext.client(providers).jobs(provider: provider, filter: filter, pageSize: pageSize) {
                jobs.append(job)
                if let limit, jobs.count >= limit { break }
            }
            if output.json { try output.printDocument("jobs", jobs) } else { jobs.map(JobRendering.row).forEach(Terminal.line) }
        }
    }
}

/// `finetune events ID`.
struct EventsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "events", abstract: "Show a job's events (all pages).")

    @Argument(help: "Job id, PROVIDER:ID.") var id: String
    @OptionGroup var providers: ProviderOptions
    @OptionGroup var output: OutputOptions

    func run() async throws {
        try await output.run {
            let client = try CLIContext.client(providers)
            let events = try await client.events(try client.registry.jobID(parsing: id)).collect()
            if output.json { try output.printDocument("events", events) } else { events.map(JobRendering.line).forEach(Terminal.line) }
        }
    }
}

/// `finetune checkpoints ID`.
struct CheckpointsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "checkpoints", abstract: "List a job's checkpoints.")

    @Argument(help: "Job id, PROVIDER:ID.") var id: String
    @OptionGroup var providers: ProviderOptions
    @OptionGroup var output: OutputOptions

    func run() async throws {
        try await output.run {
            let client = try CLIContext.client(providers)
            let checkpoints = try await client.checkpoints(try client.registry.jobID(parsing: id)).collect()
            if output.json {
                try output.printDocument("checkpoints", checkpoints)
            } else {
                for checkpoint in checkpoints {
                    let metrics = checkpoint.metrics.flatMap(JobRendering.metricsText) ?? ""
                    Terminal.line("\(checkpoint.id)  step \(checkpoint.step.map(String.init) ?? "-")  \(checkpoint.model ?? "-")  \(metrics)")
                }
            }
        }
    }
}

/// `finetune wait ID`.
struct WaitCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "wait", abstract: "Wait for a job to end, showing progress.")

    @Argument(help: "Job id, PROVIDER:ID.") var id: String
    @OptionGroup var waiting: WaitOptionsGroup
    @OptionGroup var providers: ProviderOptions
    @OptionGroup var output: OutputOptions

    func run() async throws {
        try await output.run {
            let client = try CLIContext.client(providers)
            try await waiting.waitAndReport(client, id: try client.registry.jobID(parsing: id), output: output)
        }
    }
}
