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
        @Option(name: .long, help: "The gateway's SQLite database (default FINETUNE_HOME/gateway/gateway.sqlite), or postgres://USER:PASSWORD@HOST:PORT/DATABASE.")
        var database: String?

        /// Runs `body` on the gateway's store, closing it afterwards.
        func withStore<Result>(_ body: (GatewayStore) async throws -> Result) async throws -> Result {
            let configuration = try GatewayDatabaseOption.configuration(database, environment: ProcessInfo.processInfo.environment)
            let store = try await GatewayStore.open(configuration.database)
            do {
                let result = try await body(store)
                await store.close()
                return result
            } catch {
                await store.close()
                throw error
            }
        }
    }

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Make a key and print it (the only time it is shown).")
        @Argument(help: "A name for the key (letters, digits, '-', '_', '.').") var name: String
        @Flag(name: .long, help: "The key sees every key's files, jobs and models.") var admin = false
        @OptionGroup var store: StoreOptions
        @OptionGroup var output: OutputOptions

        func run() async throws {
            try await output.run { Terminal.line(try await store.withStore { try await $0.createKey(name: name, isAdmin: admin) }) }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the keys' names (never the keys).")
        @OptionGroup var store: StoreOptions
        @OptionGroup var output: OutputOptions

        func run() async throws {
            try await output.run {
                for key in try await store.withStore({ try await $0.keys() }) {
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
                try await store.withStore { try await $0.revokeKey(name: name) }
                Terminal.line("revoked \(name)")
            }
        }
    }
}
