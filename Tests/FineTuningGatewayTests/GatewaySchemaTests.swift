import FineTuning
import Foundation
import Hummingbird
import Testing
@testable import FineTuningGateway

/// `Sources/FineTuningGateway/openapi.json` is the gateway's one written schema: its paths are exactly
/// the routes the server registers, and its schemas resolve. (The end-to-end test validates every
/// response the official SDK receives against it.)
@Suite struct GatewaySchemaTests {
    static let document = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Sources/FineTuningGateway/openapi.json")

    static func schema() throws -> JSONValue {
        try JSONValue(parsing: String(contentsOf: document, encoding: .utf8))
    }

    @Test func theSchemasPathsAreExactlyTheServersRoutes() async throws {
        let paths = try #require(try Self.schema()["paths"]?.objectValue)
        let documented = Set(paths.flatMap { path, operations in
            (operations.objectValue ?? [:]).keys.map { "\($0.uppercased()) \(path)" }
        })
        try await GatewayHarness.with { harness in
            let router = try harness.gateway.router(launcher: JobLauncher(client: harness.gateway.client, store: harness.gateway.store))
            let served = Set(router.routes.map { "\($0.method) \($0.path.description.hasPrefix("/") ? "" : "/")\($0.path)" })
            #expect(served.subtracting(documented).isEmpty, "served but not in openapi.json")
            #expect(documented.subtracting(served).isEmpty, "in openapi.json but not served")
            #expect(served.count == documented.count && served.count > 15)
        }
    }

    @Test func everyReferenceResolves() throws {
        let schema = try Self.schema()
        var references: [String] = []
        func collect(_ value: JSONValue) {
            switch value {
            case .object(let members):
                if let reference = members["$ref"]?.stringValue { references.append(reference) }
                members.values.forEach(collect)
            case .array(let items): items.forEach(collect)
            default: break
            }
        }
        collect(schema)
        #expect(references.count > 50)
        for reference in Set(references) {
            let components = reference.split(separator: "/").dropFirst().map(String.init)
            #expect(reference.hasPrefix("#/"), "\(reference)")
            #expect(components.reduce(Optional(schema)) { $0?[$1] } != nil, "\(reference) resolves to nothing")
        }
    }
}
