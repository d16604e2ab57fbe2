package import FineTuning
package import Foundation

/// The error document that crosses the boundary: a `FineTuningError` in its wire form, under the
/// key `error` of a versioned document (`{"format_version":1,"error":{...}}`), plus the plugin's
/// retry decision `retryable`. The bare form (`{"code":...,"message":...}`) of ABI 1.0 plugins is
/// still read. Schema: Schemas/error.schema.json.
package struct PluginErrorDocument: Sendable {
    package var error: FineTuningError
    /// The plugin's word on retrying the operation: true lets the host run it again (after
    /// `retry_after` or a backoff), false or absent makes the error final.
    package var retryable: Bool?

    package static let documentKey = "error"

    package init(error: FineTuningError, retryable: Bool? = nil) {
        self.error = error
        self.retryable = retryable
    }

    /// Decodes the wrapped or the bare form.
    package init(json: Data) throws {
        let decoder = WireFormat.decoder()
        if let wrapped = try? WireFormat.value(RetryHint.self, at: Self.documentKey, in: json) {
            error = try WireFormat.value(FineTuningError.self, at: Self.documentKey, in: json)
            retryable = wrapped.retryable
        } else {
            error = try decoder.decode(FineTuningError.self, from: json)
            retryable = try decoder.decode(RetryHint.self, from: json).retryable
        }
    }

    /// The versioned document.
    package func json() throws -> Data {
        try WireFormat.document(Self.documentKey, Encoded(error: error, retryable: retryable))
    }

    /// `error` itself when it is a `FineTuningError`; a cancellation becomes `cancelled`, and
    /// anything else a `provider_error` carrying its description.
    package static func error(from error: any Error) -> FineTuningError {
        switch error {
        case let error as FineTuningError: error
        case is CancellationError: FineTuningError(.cancelled, "the operation was cancelled")
        default: FineTuningError(.providerError, String(describing: error))
        }
    }

    /// The versioned document of any error, as text (a fixed `plugin_abi` document if it cannot be encoded).
    package static func text(from error: any Error) -> String {
        let data = try? PluginErrorDocument(error: Self.error(from: error)).json()
        return data.map { String(decoding: $0, as: UTF8.self) }
            ?? #"{"format_version":1,"error":{"code":"plugin_abi","message":"the error could not be encoded"}}"#
    }

    private struct RetryHint: Decodable {
        var retryable: Bool?
    }

    /// The error's members and `retryable` side by side in one object.
    private struct Encoded: Encodable {
        var error: FineTuningError
        var retryable: Bool?

        func encode(to encoder: any Encoder) throws {
            try error.encode(to: encoder)
            var container = encoder.container(keyedBy: Key.self)
            try container.encodeIfPresent(retryable, forKey: .retryable)
        }

        enum Key: String, CodingKey { case retryable }
    }
}
