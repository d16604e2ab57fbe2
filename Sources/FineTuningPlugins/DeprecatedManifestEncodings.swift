import FineTuning
import FineTuningVertex
import Foundation

/// Reads the hyperparameter encodings that earlier plugin ABIs published and later ones replaced,
/// so plugins built against them keep loading: each is rewritten in the manifest's JSON before
/// the manifest is decoded, which then knows only the current encodings.
///
/// - `"vertex_adapter_size"` (ABI 1.0, deprecated since ABI 1.2): Vertex's `ADAPTER_SIZE_*` names,
///   now the enumeration `{"enumeration": [{"value": 4, "native": "ADAPTER_SIZE_FOUR"}, ...]}`
///   built from `VertexAdapterSize`. The rule's `allowed_values`, when given, narrow it.
enum DeprecatedManifestEncodings {
    static let vertexAdapterSize = "vertex_adapter_size"

    /// The manifest document `data` with every deprecated encoding replaced, and the parameters
    /// whose rules used one; `data` itself when it has none (or is no manifest document: the
    /// decoder then reports what is wrong).
    static func upgrading(_ data: Data) -> (document: Data, deprecatedRules: [String]) {
        guard case .object(var document)? = try? JSONValue(parsing: data),
            case .object(var manifest)? = document[PluginManifest.documentKey],
            case .object(var provider)? = manifest["provider"],
            case .object(var table)? = provider["hyperparameters"],
            case .array(let rules)? = table["rules"]
        else { return (data, []) }
        let deprecated = rules.filter { $0["encoding"] == .string(vertexAdapterSize) }
        guard !deprecated.isEmpty else { return (data, []) }
        table["rules"] = .array(rules.map(upgrading))
        provider["hyperparameters"] = .object(table)
        manifest["provider"] = .object(provider)
        document[PluginManifest.documentKey] = .object(manifest)
        return (JSONValue.object(document).serialized(), deprecated.map { $0["parameter"]?.stringValue ?? "?" })
    }

    /// One rule with `vertex_adapter_size` as the enumeration of Vertex's names.
    private static func upgrading(_ rule: JSONValue) -> JSONValue {
        guard case .object(var members) = rule, members["encoding"] == .string(vertexAdapterSize) else { return rule }
        let allowed = members["allowed_values"]?.arrayValue?.compactMap(\.doubleValue)
        let pairs = VertexAdapterSize.names.sorted { $0.key < $1.key }
            .filter { allowed?.contains(Double($0.key)) ?? true }
            .map { JSONValue.object(["value": .integer(Int64($0.key)), "native": .string($0.value)]) }
        members["encoding"] = .object(["enumeration": .array(pairs)])
        members["allowed_values"] = nil
        return .object(members)
    }
}
