import ArgumentParser
import FineTuningPlugins
import FineTuningProviders
import Foundation

/// `finetune plugin-call` (hidden): the child process of `ChildProcessPluginProvider`. Reads one
/// request document on standard input, runs one operation of one plugin, writes the answer or
/// error document on standard output.
struct PluginCallCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: ChildProcessPluginProvider.commandName,
        abstract: "Run one plugin operation for an isolating host (internal).",
        shouldDisplay: false)

    @Option(help: "The plugin library.")
    var plugin: String

    @Option(help: "manifest, or an operation of the ABI (get_job, ...).")
    var operation: String

    @Option(help: "Seconds the operation may take.")
    var pluginTimeout: Double?

    func run() async throws {
        let request = FileHandle.standardInput.readDataToEndOfFile()
        let environment = ProcessInfo.processInfo.environment
        let answer = await PluginCallServer.answer(
            pluginPath: plugin, operation: operation, request: request, environment: environment,
            transport: BuiltInProviders.defaultTransport(environment: environment), operationTimeout: pluginTimeout.map(Duration.seconds))
        FileHandle.standardOutput.write(answer)
    }
}
