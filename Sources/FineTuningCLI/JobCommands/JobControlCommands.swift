import ArgumentParser
import FineTuning

/// The commands that change a job's state: cancel, pause, resume, start.
struct JobControlArguments: ParsableArguments {
    enum Action: String, CaseIterable {
        case cancel, pause, resume, start
    }

    @Argument(help: "Job id, PROVIDER:ID.") var id: String
    @OptionGroup var providers: ProviderOptions
    @OptionGroup var output: OutputOptions

    func perform(_ action: Action) async throws {
        try await output.run {
            let client = try CLIContext.client(providers)
            let id = try client.registry.jobID(parsing: id)
            let job: FineTuningJob = switch action {
            case .cancel: try await client.cancelJob(id)
            case .pause: try await client.pauseJob(id)
            case .resume: try await client.resumeJob(id)
            case .start: try await client.startJob(id)
            }
            if output.json { try output.printDocument("job", job) } else { Terminal.line(JobRendering.summary(job)) }
        }
    }
}

/// `finetune cancel ID`.
struct CancelCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "cancel", abstract: "Cancel a job.")
    @OptionGroup var control: JobControlArguments
    func run() async throws { try await control.perform(.cancel) }
}

/// `finetune pause ID`.
struct PauseCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "pause", abstract: "Pause a running job (providers with pause_resume).")
    @OptionGroup var control: JobControlArguments
    func run() async throws { try await control.perform(.pause) }
}

/// `finetune resume ID`.
struct ResumeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "resume", abstract: "Resume a paused job (providers with pause_resume).")
    @OptionGroup var control: JobControlArguments
    func run() async throws { try await control.perform(.resume) }
}
