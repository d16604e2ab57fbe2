import ArgumentParser
import FineTuningCLI

/// The `finetune` executable: the root command lives here because only an executable may be
/// `@main`; every subcommand lives in FineTuningCLI.
@main
struct Finetune: AsyncParsableCommand {
    static let configuration = FinetuneCommand.configuration
}
