import ArgumentParser
import FineTuningCLI

/// The `finetune` executable: the root command lives here because only an executable may be
/// `@main`; every subcommand lives in FineTuningCLI.
@main
struct Finetune: AsyncParsableCommand {
    static let configuration = FinetuneCommand.configuration

    /// Sends the library's log lines to the terminal, then parses and runs the command line as
    /// `AsyncParsableCommand.main()` does.
    static func main() async {
        TerminalLogHandler.bootstrap()
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
