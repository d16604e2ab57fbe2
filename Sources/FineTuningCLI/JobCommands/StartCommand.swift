import ArgumentParser

/// `finetune start ID`: starts a job `finetune create --dry-run --keep` created unstarted.
struct StartCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "start", abstract: "Start a job a dry run kept (finetune create --dry-run --keep; providers with deferred_start).")
    @OptionGroup var control: JobControlArguments
    func run() async throws { try await control.perform(.start) }
}
