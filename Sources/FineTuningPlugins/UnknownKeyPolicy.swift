import FineTuning
import FineTuningHTTP
import FineTuningPluginABI
import Foundation
import Logging
import Synchronization

/// What the host does with a key a plugin wrote that the document's schema does not define:
/// in normal use a warning, once per plugin, document and key; in a conformance run a
/// `plugin_abi` failure naming the key and the document.
public enum UnknownKeyPolicy: Sendable, Hashable {
    case warn
    case fail

    /// Checks `json`, a `document` the plugin at `path` returned from `source` (an operation or
    /// `manifest`).
    func check(_ json: Data, as document: PluginDocument, from source: String, plugin path: String, logger: Logger) throws {
        let keys = document.unknownKeys(in: json)
        guard !keys.isEmpty else { return }
        switch self {
        case .fail:
            throw PluginFailure.unknownKeys(path, document: document, source: source, keys)
        case .warn:
            for key in keys where Self.warned.withLock({ $0.insert("\(path)|\(document.rawValue)|\(key)").inserted }) {
                logger.warning("\(Redaction.standard.text(PluginFailure.unknownKeys(path, document: document, source: source, [key]).message)); it is ignored")
            }
        }
    }

    /// The keys already warned about in this process.
    private static let warned = Mutex<Set<String>>([])
}
