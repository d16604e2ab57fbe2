import ArgumentParser
import FineTuning

/// `finetune providers`: every registered provider with its origin and capabilities.
struct ProvidersCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "providers", abstract: "List the providers: built-in and plugins.")

    @OptionGroup var providers: ProviderOptions
    @OptionGroup var output: OutputOptions

    struct Entry: Encodable {
        let id: String
        let displayName: String
        let origin: String
        let capabilities: [String]
        let environment: [String]

        enum CodingKeys: String, CodingKey {
            case id, displayName = "display_name", origin, capabilities, environment
        }
    }

    func run() async throws {
        try await output.run {
            let entries = try CLIContext.registry(providers).all.map { registration in
                Entry(
                    id: registration.descriptor.id, displayName: registration.descriptor.displayName,
                    origin: registration.origin.description,
                    capabilities: registration.descriptor.capabilities.map(\.rawValue).sorted(),
                    environment: registration.descriptor.environment)
            }
            if output.json {
                try output.printDocument("providers", entries)
            } else {
                for entry in entries {
                    let capabilities = entry.capabilities.isEmpty ? "-" : entry.capabilities.joined(separator: ", ")
                    Terminal.line("\(entry.id)  \(entry.displayName)  [\(entry.origin)]  capabilities: \(capabilities)")
                }
            }
        }
    }
}
