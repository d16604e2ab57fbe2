public import FineTuning
public import FineTuningHTTP
import Foundation

/// Gemini `generateContent` for `finetune eval`, with the settings and credential chain of the
/// `vertex_ai` provider.
public struct VertexInference: Sendable {
    let provider: VertexTuningProvider

    /// Reads project, location and credentials from `environment` (a `configuration` error names what is missing).
    public init(environment: [String: String], transport: any HTTPTransport) throws {
        provider = try VertexAdapter.makeProvider(.gemini, environment: environment, transport: transport)
    }

    /// POSTs `body` to `model`'s `generateContent`. `model` is a tuned model's endpoint
    /// (`projects/P/locations/L/endpoints/E`), any other full resource name, or a Gemini model id
    /// (`gemini-2.5-flash`) in the configured project and location.
    public func generateContent(model: String, body: JSONValue) async throws -> JSONValue {
        let settings = provider.settings
        let resource = model.hasPrefix("projects/")
            ? model : "projects/\(settings.project)/locations/\(settings.location)/publishers/google/models/\(model)"
        let parts = resource.split(separator: "/")
        let location = parts.count > 3 && parts[2] == "locations" ? String(parts[3]) : settings.location
        return try await provider.client(location: location).post("/v1/\(resource):generateContent", body: body)
    }
}
