import ArgumentParser
import Foundation

/// `finetune plugin new NAME --language c`: scaffolds a plugin folder whose first conformance
/// run passes — source, the ABI header, a build script and fixtures (an in-memory job table,
/// `"transport": "none"`) — so an author starts from green and replaces the table with API calls.
struct PluginNewCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "new",
        abstract: "Scaffold a provider plugin whose first conformance run passes.",
        discussion: """
            Writes NAME/ with NAME.c, finetune_plugin.h, build.sh and fixtures/target.json, then:
              sh NAME/build.sh && finetune conformance --plugin NAME/libNAME.so --fixtures NAME/fixtures
            """)

    /// The languages a plugin can be scaffolded in.
    enum Language: String, ExpressibleByArgument, CaseIterable {
        case c
    }

    @Argument(help: "The provider id: a lowercase letter, then lowercase letters, digits and _.")
    var name: String

    @Option(help: "The plugin's language.")
    var language: Language = .c

    @Option(help: "The folder to create (default: ./NAME).")
    var output: String?

    func validate() throws {
        guard let first = name.first, first.isASCII, first.isLowercase,
            name.allSatisfy({ $0.isASCII && ($0.isLowercase || $0.isNumber || $0 == "_") })
        else {
            throw ValidationError("'\(name)' is not a provider id: use a lowercase letter, then lowercase letters, digits and _")
        }
    }

    func run() throws {
        let folder = URL(fileURLWithPath: output ?? name)
        guard !FileManager.default.fileExists(atPath: folder.path) else {
            throw ValidationError("\(folder.path) already exists: choose another --output")
        }
        let fixtures = folder.appendingPathComponent("fixtures")
        // Plugin folders must be writable only by their owner, or finetune refuses to load from them.
        try FileManager.default.createDirectory(at: fixtures, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o755])
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: folder.path)
        let destinations = [
            "plugin.c": folder.appendingPathComponent("\(name).c"), "build.sh": folder.appendingPathComponent("build.sh"),
            "target.json": fixtures.appendingPathComponent("target.json"), "finetune_plugin.h": folder.appendingPathComponent("finetune_plugin.h"),
        ]
        for template in EmbeddedPluginTemplates.files {
            guard let destination = destinations[template.name] else { continue }
            try Data(template.text.replacingOccurrences(of: "__NAME__", with: name).utf8).write(to: destination)
        }
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: folder.appendingPathComponent("build.sh").path)
        Terminal.line("""
            created \(folder.path): \(name).c, finetune_plugin.h, build.sh, fixtures/target.json
            next:   sh \(folder.path)/build.sh && finetune conformance --plugin \(folder.path)/lib\(name).so --fixtures \(folder.path)/fixtures
            """)
    }
}

/// `finetune plugin`: tools for plugin authors.
struct PluginCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plugin", abstract: "Tools for plugin authors.", subcommands: [PluginNewCommand.self])
}
