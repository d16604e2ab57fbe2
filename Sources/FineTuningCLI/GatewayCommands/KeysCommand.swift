public import ArgumentParser
import FineTuning
import FineTuningGateway
import Foundation
/// `finetune keys create|list|revoke`: the gateway's API keys, stored hashed.
public struct KeysCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "keys",
        abstract: "Create, list and revoke the API keys of 'finetune serve'.",
        subcommands: [Create.self, List.self, Revoke.self])

    public init() {}

    struct StoreOptions: ParsableArguments {
        @Option(name: .long, help: "The gateway's SQLite database (default FINETUNE_HOME/gateway/gateway.sqlite).")
        var database: String?

        func store() throws -> GatewayStore {
            let configuration = try GatewayDatabaseOption.configuration(database, environment: ProcessInfo.processInfo.environment)
            return try GatewayStore(path: configuration.databasePath)
        }
    }

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Make a key and print it (the only time it is shown).")
        @Argument(help: "A name for the key (letters, digits, '-', '_', '.').") var name: String
        @Flag(name: .long, help: "The key sees every key's files, jobs and models.") var admin = false
        @OptionGroup var store: StoreOptions
        @OptionGroup var output: OutputOptions

        func run() async throws {
            try await output.run { Terminal.line(try store.store().createKey(name: name, isAdmin: admin)) }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the keys' names (never the keys).")
        @OptionGroup var store: StoreOptions
        @OptionGroup var output: OutputOptions

        func run() async throws {
            try await output.run {
                for key in try store.store().keys() {
                    let state = key.revokedAt.map { "revoked \(WireFormat.timestamp($0))" } ?? "active"
                    Terminal.line("\(key.name)\t\(key.isAdmin ? "admin" : "user")\tcreated \(WireFormat.timestamp(key.createdAt))\t\(state)")
                }
            }
        }
    }

    struct Revoke: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Revoke a key; its files and jobs stay.")
        @Argument(help: "The key's name.") var name: String
        @OptionGroup var store: StoreOptions
        @OptionGroup var output: OutputOptions

        func run() async throws {
            try await output.run {
                try store.store().revokeKey(name: name)
                Terminal.line("revoked \(name)")
            }
        }
    }
}
