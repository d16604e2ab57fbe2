import ArgumentParser
import FineTuningCLI

/// The `finetune` executable: the root command lives here because only an executable may be
/// `@main`; every subcommand lives in FineTuningCLI.
@main
struct Finetune: AsyncParsableCommand {
    static let configuration = FinetuneCommand.configuration

    /// Sets the process up (terminal logging, plugin crash notices), then parses and runs the
    /// command line as `AsyncParsableCommand.main()` does.
    static func main() async {
        ProcessSetUp.run()
        do {
            var command = try parseAsRoot()
            if var command = command as? any AsyncParsableCommand {
                try await command.run()
            } else {
                try command.run()
            }
        } catch {
            exit(withError: error)
        }
    }
}
