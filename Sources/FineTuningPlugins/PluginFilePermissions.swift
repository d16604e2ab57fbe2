import FineTuningPluginABI
import Foundation

/// Loading a library runs its code, so a plugin file and the folder holding it must be writable
/// only by their owner, and owned by the current user or root.
enum PluginFilePermissions {
    /// Throws when `path` (after resolving links) or its folder could be changed by another user.
    static func check(_ path: String) throws {
        let resolved = (path as NSString).resolvingSymlinksInPath
        for (what, item) in [("file", resolved), ("folder", (resolved as NSString).deletingLastPathComponent)] {
            guard let attributes = try? FileManager.default.attributesOfItem(atPath: item),
                  let mode = (attributes[.posixPermissions] as? NSNumber)?.intValue,
                  let owner = (attributes[.ownerAccountID] as? NSNumber)?.uint32Value
            else { throw PluginFailure.missingFile(item) }
            if mode & 0o022 != 0 {
                throw PluginFailure.insecurePermissions(
                    path, "the \(what) \(item) is writable by other users (mode \(String(mode & 0o777, radix: 8)))",
                    remedy: "make it writable only by its owner (chmod go-w \(item))")
            }
            if owner != getuid(), owner != 0 {
                throw PluginFailure.insecurePermissions(
                    path, "the \(what) \(item) belongs to another user (uid \(owner))",
                    remedy: "give it to yourself or root (chown \(getuid()) \(item)), or install your own copy")
            }
        }
    }
}
