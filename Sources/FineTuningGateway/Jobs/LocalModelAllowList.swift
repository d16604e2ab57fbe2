#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import FineTuning
import Foundation

/// The folders a job's local model file may come from. The model of a provider that names files on the
/// gateway's machine (`llamacpp/PATH.gguf`) must lie inside one of these folders once `..` and symbolic
/// links are resolved; any other is refused with a 400 on `model` before the job is stored, so a key
/// cannot make the server read or train on an arbitrary file. Other providers' models pass unchecked.
public struct LocalModelAllowList: Sendable {
    /// The providers whose model name is a file path on the gateway's machine.
    public let pathProviders: Set<String>
    /// The allowed folders, resolved at each check (a folder made later counts; one missing allows nothing).
    public let directories: [String]

    public init(directories: [String], pathProviders: Set<String> = ["llamacpp"]) {
        self.pathProviders = pathProviders
        self.directories = directories
    }

    /// Refuses `reference` when its provider names local files and the file lies outside every allowed
    /// folder. The message names neither the resolved path nor whether the file exists.
    func check(_ reference: ModelReference) throws {
        guard pathProviders.contains(reference.provider) else { return }
        if let path = Self.resolve(reference.model),
           directories.contains(where: { directory in Self.resolve(directory).map { Self.path(path, isInside: $0) } ?? false }) { return }
        throw OpenAIError.badRequest(
            "The model '\(reference)' is not in a folder this gateway serves local models from; the operator allows folders with 'finetune serve --models-dir DIR'.",
            param: "model")
    }

    /// `path` made absolute (against the working directory, as the local provider reads it) with every
    /// symbolic link and `..` resolved. A file that does not exist yet resolves through its folder; nil
    /// when the folder does not exist either.
    static func resolve(_ path: String) -> String? {
        let absolute = path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
        if let real = realPath(absolute) { return real }
        let url = URL(fileURLWithPath: absolute)
        let name = url.lastPathComponent
        guard name != "..", name != ".", let folder = realPath(url.deletingLastPathComponent().path) else { return nil }
        return folder == "/" ? "/" + name : folder + "/" + name
    }

    private static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    /// Whether the resolved `path` lies under `directory`, compared by whole components.
    private static func path(_ path: String, isInside directory: String) -> Bool {
        let folder = directory.split(separator: "/")
        let components = path.split(separator: "/")
        return components.count > folder.count && components.starts(with: folder)
    }
}
