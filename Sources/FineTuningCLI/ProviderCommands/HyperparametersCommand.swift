import ArgumentParser
import FineTuning

/// `finetune hyperparameters`: prints the translation table, the same data the framework uses.
struct HyperparametersCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "hyperparameters",
        abstract: "Print the hyperparameter translation table (per provider: native name, allowed values, default).")

    @Option(name: .long, help: "Only this provider.") var provider: String?
    @OptionGroup var providers: ProviderOptions
    @OptionGroup var output: OutputOptions

    func run() async throws {
        try await output.run {
            let registry = try CLIContext.registry(providers)
            let ids = try provider.map { [try registry.registration(for: $0).descriptor.id] } ?? registry.providerIDs
            let tables = try ids.map { try registry.registration(for: $0).descriptor.hyperparameters }
            if output.json {
                try output.printDocument("hyperparameter_tables", tables)
            } else {
                Terminal.line(tables.map(HyperparameterTableRendering.markdown).joined(separator: "\n"))
            }
        }
    }
}

/// The translation table as Markdown (the README embeds this output).
enum HyperparameterTableRendering {
    static func markdown(_ table: HyperparameterTable) -> String {
        var lines = [
            "### \(table.provider) — \(table.api)", "",
            "| parameter | native name | allowed | default | notes |",
            "|---|---|---|---|---|",
        ]
        for rule in table.rules {
            if let native = rule.nativeName {
                let conversion = rule.scale.map { " (× \(HyperparameterRule.format($0)))" } ?? ""
                lines.append("| \(rule.parameter.rawValue) | `\(native)`\(conversion) | \(rule.allowedDescription) | \(rule.defaultValue ?? "-") | \(rule.note ?? "") |")
            } else {
                lines.append("| \(rule.parameter.rawValue) | unsupported | - | - | \(rule.note ?? "") |")
            }
        }
        if !table.passThrough.isEmpty {
            lines.append("")
            lines.append("Pass-through (`--native NAME=VALUE`): " + table.passThrough.map { "`\($0)`" }.joined(separator: ", "))
        }
        lines.append("")
        return lines.joined(separator: "\n")
    }
}
