public import FineTuning
public import Foundation

/// One provider's fixture folder: its `target.json` (the provider-specific inputs scenarios refer
/// to with `$key.path`) and its HAR files, one per scenario.
public struct FixtureTarget: Sendable {
    /// The folder holding `target.json` and the `<scenario-id>.har` files.
    public let folder: URL
    /// `target.json` as written.
    public let document: JSONValue

    /// The name of the inputs file in every provider folder.
    public static let fileName = "target.json"

    /// Reads `folder/target.json`.
    public init(folder: URL) throws {
        let file = folder.appendingPathComponent(Self.fileName)
        let data: Data
        do {
            data = try Data(contentsOf: file)
        } catch {
            throw ConformanceFailure("missing fixture \(file.path)")
        }
        do {
            self.init(folder: folder, document: try JSONValue(parsing: data))
        } catch {
            throw ConformanceFailure("\(file.path) is not valid JSON: \(error)")
        }
    }

    public init(folder: URL, document: JSONValue) {
        self.folder = folder
        self.document = document
    }

    /// The environment variables the provider is built with (`environment` in `target.json`).
    public var environment: [String: String] {
        (document["environment"]?.objectValue ?? [:]).compactMapValues(\.stringValue)
    }

    /// The environment variables holding the provider's base URLs (`loopback` in `target.json`):
    /// in live mode each is pointed at a server on 127.0.0.1 standing for its URL's origin.
    public var loopbackVariables: [String] {
        (document["loopback"]?.arrayValue ?? []).compactMap(\.stringValue)
    }

    /// Scenarios the provider's service cannot produce, with the reason (`not_applicable` in
    /// `target.json`); honoured only for scenarios that allow it.
    public var notApplicable: [String: String] {
        (document["not_applicable"]?.objectValue ?? [:]).compactMapValues(\.stringValue)
    }

    /// False when `target.json` declares `"transport": "none"`: the provider makes no HTTP calls, so
    /// no HAR file is read and scenarios whose point is an HTTP exchange do not apply.
    public var makesHTTPCalls: Bool {
        document["transport"]?.stringValue != "none"
    }

    /// A local file named in `target.json`: absolute, or relative to the fixture folder.
    public func localFile(_ path: String) -> String {
        path.hasPrefix("/") ? path : folder.appendingPathComponent(path).path
    }

    /// The HAR file of a scenario.
    public func harFile(for scenarioID: String) -> URL {
        folder.appendingPathComponent(scenarioID + ".har")
    }

    /// The value at a dotted key path (`jobs.succeeded`), or nil when a key is missing.
    public func value(at path: String) -> JSONValue? {
        path.split(separator: ".").reduce(Optional(document)) { value, key in value?[String(key)] }
    }

    /// The value `value` stands for; a reference to a missing key is a failure naming the key.
    public func resolve<Value>(_ value: TargetValue<Value>) throws -> Value {
        guard let resolved = try resolveIfPresent(value) else {
            guard case .reference(let path) = value else { preconditionFailure("a literal always resolves") }
            throw ConformanceFailure("\(Self.fileName) has no key '\(path)'")
        }
        return resolved
    }

    /// The value `value` stands for, or nil when it refers to a key `target.json` does not have.
    public func resolveIfPresent<Value>(_ value: TargetValue<Value>?) throws -> Value? {
        switch value {
        case nil: return nil
        case .literal(let literal): return literal
        case .reference(let path):
            guard let json = self.value(at: path) else { return nil }
            do {
                return try JSONDecoder().decode(Value.self, from: json.serialized())
            } catch {
                throw ConformanceFailure("\(Self.fileName) key '\(path)' is a \(json.typeName), not a \(Value.self)")
            }
        }
    }
}
