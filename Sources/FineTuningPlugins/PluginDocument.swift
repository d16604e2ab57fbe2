package import FineTuning
import FineTuningPluginABI
package import Foundation

/// A document that crosses the plugin boundary, described by a JSON Schema (draft 2020-12) in
/// Sources/CFineTuningPlugin/schemas, compiled into the host. The host uses the schemas to find
/// keys a plugin wrote that the ABI does not define (a misspelt field would otherwise be lost).
package enum PluginDocument: String, CaseIterable, Sendable {
    case manifest, job, error
    case jobPage = "job-page", eventPage = "event-page", checkpointPage = "checkpoint-page"
    case createJobRequest = "create-job-request", jobIDRequest = "job-id-request", listRequest = "list-request"
    case instanceConfig = "instance-config", httpRequest = "http-request", httpResponse = "http-response"

    /// The schema's file name.
    package var schemaFile: String { rawValue + ".schema.json" }

    /// The schema itself.
    package var schema: JSONValue { SchemaCatalog.schemas[schemaFile] ?? .object([:]) }

    /// The keys of `json` the schema does not define, as paths from the document's root
    /// (`job.tuned_model.nmae`, `page.items[].metrics.loss`). Text that is not JSON has none:
    /// the decoder reports it.
    package func unknownKeys(in json: Data) -> [String] {
        keys(in: json).unknown
    }

    /// The key paths of `json` the schema defines (array elements as `[]`, free-form maps as
    /// leaves) and the ones it does not.
    package func keys(in json: Data) -> (known: Set<String>, unknown: [String]) {
        guard let value = try? JSONDecoder().decode(JSONValue.self, from: json) else { return ([], []) }
        var keys = SchemaCatalog.Keys()
        SchemaCatalog.walk(value, schema: schema, file: schemaFile, path: "", into: &keys)
        var seen: Set<String> = []
        return (keys.known, keys.unknown.filter { seen.insert($0).inserted })
    }
}

extension PluginDocument {
    /// Every key path the schema defines (array elements as `[]`), for the tests that keep the
    /// schemas and the host's encoding from drifting apart.
    package var definedKeyPaths: Set<String> {
        var paths: Set<String> = []
        var required: Set<String> = []
        SchemaCatalog.collectKeyPaths(of: schema, file: schemaFile, path: "", into: &paths, required: &required)
        return paths
    }

    /// The key paths the schema requires (within their parent object).
    package var requiredKeyPaths: Set<String> {
        var paths: Set<String> = []
        var required: Set<String> = []
        SchemaCatalog.collectKeyPaths(of: schema, file: schemaFile, path: "", into: &paths, required: &required)
        return required
    }
}

/// The compiled-in schemas and the walk that compares a document with one.
enum SchemaCatalog {
    /// Appends every property path of `schema` to `paths`.
    static func collectKeyPaths(of schema: JSONValue, file: String, path: String, into paths: inout Set<String>, required: inout Set<String>) {
        let (schema, file) = resolve(schema, in: file)
        guard case .object(let rules) = schema else { return }
        for keyword in ["anyOf", "oneOf"] {
            if case .array(let branches)? = rules[keyword] {
                for branch in branches { collectKeyPaths(of: branch, file: file, path: path, into: &paths, required: &required) }
            }
        }
        if case .object(let properties)? = rules["properties"] {
            let requiredKeys: Set<String>
            if case .array(let names)? = rules["required"] {
                requiredKeys = Set(names.compactMap { if case .string(let name) = $0 { name } else { nil } })
            } else {
                requiredKeys = []
            }
            for (key, property) in properties {
                paths.insert(join(path, key))
                if requiredKeys.contains(key) { required.insert(join(path, key)) }
                collectKeyPaths(of: property, file: file, path: join(path, key), into: &paths, required: &required)
            }
        }
        if let items = rules["items"] { collectKeyPaths(of: items, file: file, path: path + "[]", into: &paths, required: &required) }
    }

    static let schemas: [String: JSONValue] = Dictionary(uniqueKeysWithValues: EmbeddedSchemas.files.map { file in
        (file.name, (try? JSONDecoder().decode(JSONValue.self, from: Data(file.text.utf8))) ?? .object([:]))
    })

    /// The key paths a walk found.
    struct Keys {
        var known: Set<String> = []
        var unknown: [String] = []
    }

    /// Records every key of `value` as known to `schema` (in `file`) or not.
    static func walk(_ value: JSONValue, schema: JSONValue, file: String, path: String, into found: inout Keys) {
        let (schema, file) = resolve(schema, in: file)
        guard case .object(let rules) = schema else { return }
        for keyword in ["anyOf", "oneOf"] {
            if case .array(let branches)? = rules[keyword] {
                // The first branch that describes this kind of value.
                if let branch = branches.first(where: { describes(resolve($0, in: file).schema, value) }) {
                    walk(value, schema: branch, file: file, path: path, into: &found)
                }
                return
            }
        }
        switch value {
        case .object(let members):
            // An object without properties is a free-form map: its keys are data, not fields.
            guard case .object(let properties)? = rules["properties"] else { return }
            for key in members.keys.sorted() {
                if let property = properties[key] {
                    found.known.insert(join(path, key))
                    walk(members[key]!, schema: property, file: file, path: join(path, key), into: &found)
                } else if rules["additionalProperties"] == .bool(false) {
                    found.unknown.append(join(path, key))
                }
            }
        case .array(let elements):
            guard let items = rules["items"] else { return }
            for element in elements {
                walk(element, schema: items, file: file, path: path + "[]", into: &found)
            }
        default:
            return
        }
    }

    /// Follows `$ref` (`#/$defs/x`, `other.schema.json`, `other.schema.json#/$defs/x`).
    private static func resolve(_ schema: JSONValue, in file: String) -> (schema: JSONValue, file: String) {
        guard case .object(let rules) = schema, case .string(let reference)? = rules["$ref"] else { return (schema, file) }
        let parts = reference.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
        let target = parts[0].isEmpty ? file : parts[0]
        var resolved = schemas[target] ?? .object([:])
        for segment in (parts.count > 1 ? parts[1] : "").split(separator: "/") {
            guard case .object(let members) = resolved, let next = members[String(segment)] else { return (.object([:]), target) }
            resolved = next
        }
        return resolve(resolved, in: target)
    }

    /// Whether `schema` is about values of `value`'s kind (objects or arrays).
    private static func describes(_ schema: JSONValue, _ value: JSONValue) -> Bool {
        guard case .object(let rules) = schema else { return false }
        switch value {
        case .object: return rules["properties"] != nil || rules["type"] == .string("object")
        case .array: return rules["items"] != nil || rules["type"] == .string("array")
        default: return true
        }
    }

    private static func join(_ path: String, _ key: String) -> String {
        path.isEmpty ? key : path + "." + key
    }
}
