import ArgumentParser
import Foundation

/// `finetune plugin new NAME --language c|swift`: scaffolds a plugin folder whose first
/// conformance run passes — source, a build script and fixtures (an in-memory job table,
/// `"transport": "none"`) — so an author starts from green and replaces the table with API calls.
struct PluginNewCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "new",
        abstract: "Scaffold a provider plugin whose first conformance run passes.",
        discussion: """
            --language c writes NAME/ with NAME.c, finetune_plugin.h, build.sh and fixtures/target.json.
            --language swift writes NAME/ with Package.swift (depending on finetune's FineTuningPluginKit by
            path: the finetune checkout this binary was built from, or --finetune-package PATH),
            Sources/NAME/Provider.swift and Export.swift, build.sh and fixtures/target.json. Then:
              sh NAME/build.sh && finetune conformance --plugin NAME/libNAME.so --fixtures NAME/fixtures
            """)

    /// The languages a plugin can be scaffolded in.
    enum Language: String, ExpressibleByArgument, CaseIterable {
        case c, swift
    }

    @Argument(help: "The provider id: a lowercase letter, then lowercase letters, digits and _.")
    var name: String

    @Option(help: "The plugin's language.")
    var language: Language = .c

    @Option(help: "The folder to create (default: ./NAME).")
    var output: String?

    @Option(help: "A finetune checkout for a Swift plugin's Package.swift (default: the one this finetune was built from).")
    var finetunePackage: String?

    func validate() throws {
        guard let first = name.first, first.isASCII, first.isLowercase,
            name.allSatisfy({ $0.isASCII && ($0.isLowercase || $0.isNumber || $0 == "_") })
        else {
            throw ValidationError("'\(name)' is not a provider id: use a lowercase letter, then lowercase letters, digits and _")
        }
        if finetunePackage != nil, language != .swift { throw ValidationError("--finetune-package is for --language swift") }
    }

    func run() throws {
        let folder = URL(fileURLWithPath: output ?? name)
        guard !FileManager.default.fileExists(atPath: folder.path) else {
            throw ValidationError("\(folder.path) already exists: choose another --output")
        }
        var placeholders = ["__NAME__": name]
        if language == .swift { placeholders["__FINETUNE_PACKAGE__"] = try FinetuneCheckout.path(finetunePackage) }
        let destinations = destinations(in: folder)
        for template in EmbeddedPluginTemplates.files {
            guard let destination = destinations[template.name] else { continue }
            // Plugin folders must be writable only by their owner, or finetune refuses to load from them.
            try FileManager.default.createDirectory(
                at: destination.deletingLastPathComponent(), withIntermediateDirectories: true, attributes: [.posixPermissions: 0o755])
            let text = placeholders.reduce(template.text) { $0.replacingOccurrences(of: $1.key, with: $1.value) }
            try Data(text.utf8).write(to: destination)
        }
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: folder.path)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: folder.appendingPathComponent("build.sh").path)
        let written = destinations.values.map { String($0.path.dropFirst(folder.path.count + 1)) }.sorted()
        Terminal.line("""
            created \(folder.path): \(written.joined(separator: ", "))
            next:   sh \(folder.path)/build.sh && finetune conformance --plugin \(folder.path)/lib\(name).so --fixtures \(folder.path)/fixtures
            """)
    }

    /// Where each template of `language` goes in `folder`.
    private func destinations(in folder: URL) -> [String: URL] {
        let common = ["target.json": folder.appendingPathComponent("fixtures/target.json")]
        switch language {
        case .c:
            return common.merging([
                "plugin.c": folder.appendingPathComponent("\(name).c"), "build.sh": folder.appendingPathComponent("build.sh"),
                "finetune_plugin.h": folder.appendingPathComponent("finetune_plugin.h"),
            ]) { $1 }
        case .swift:
            let sources = folder.appendingPathComponent("Sources/\(name)")
            return common.merging([
                "swift-Package.swift": folder.appendingPathComponent("Package.swift"), "swift-build.sh": folder.appendingPathComponent("build.sh"),
                "swift-Provider.swift": sources.appendingPathComponent("Provider.swift"),
                "swift-Export.swift": sources.appendingPathComponent("Export.swift"),
            ]) { $1 }
        }
    }
}

/// The finetune checkout a Swift plugin's Package.swift depends on for `FineTuningPluginKit`.
enum FinetuneCheckout {
    /// The checkout this binary was built from (the root above Sources/FineTuningCLI/PluginCommands).
    static let builtFrom = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path

    /// `given`, else the checkout this binary was built from; it must hold finetune's Package.swift.
    static func path(_ given: String?) throws -> String {
        let path = URL(fileURLWithPath: given ?? builtFrom).standardizedFileURL.path
        let manifest = (try? String(contentsOfFile: path + "/Package.swift", encoding: .utf8)) ?? ""
        guard manifest.contains("\"FineTuningPluginKit\"") else {
            let origin = given == nil ? " (the checkout this finetune was built from)" : ""
            throw ValidationError(
                "no finetune checkout at \(path)\(origin): a Swift plugin builds against finetune's source; pass --finetune-package PATH of a finetune checkout")
        }
        return path
    }
}

/// `finetune plugin`: tools for plugin authors.
struct PluginCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plugin", abstract: "Tools for plugin authors.", subcommands: [PluginNewCommand.self])
}
