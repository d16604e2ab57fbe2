public import FineTuning
public import FineTuningHTTP

/// A provider under test: its descriptor, and how to build it on a given transport with a given
/// environment (the runner passes a HAR replay and the `environment` of `target.json`).
public struct ConformanceTarget: Sendable {
    public typealias Make = @Sendable (_ transport: any HTTPTransport, _ environment: [String: String]) throws -> any FineTuningProvider
    /// The shape of an adapter module's `registrations(environment:transport:)`.
    public typealias Registrations = @Sendable (_ environment: [String: String], _ transport: any HTTPTransport) -> [ProviderRegistration]

    public let descriptor: ProviderDescriptor
    public let make: Make

    public init(descriptor: ProviderDescriptor, make: @escaping Make) {
        self.descriptor = descriptor
        self.make = make
    }

    /// One target per provider that `registrations` returns. Each target calls `registrations`
    /// again with the runner's transport and environment, then makes its provider.
    public static func targets(from registrations: @escaping Registrations) -> [ConformanceTarget] {
        registrations([:], UnavailableTransport()).map { registration in
            let id = registration.descriptor.id
            return ConformanceTarget(descriptor: registration.descriptor) { transport, environment in
                guard let registration = registrations(environment, transport).first(where: { $0.descriptor.id == id }) else {
                    throw ConformanceFailure("provider '\(id)' is not registered when built with the fixture's environment")
                }
                return try registration.make()
            }
        }
    }
}

/// The transport where no request may be sent: given to `registrations` only to read descriptors,
/// and to a provider whose target declares it makes no HTTP calls. It refuses every request.
struct UnavailableTransport: HTTPTransport {
    func send(_ request: HTTPRequest) async throws -> HTTPResponse {
        throw FineTuningError(.configuration, "no HTTP transport: none was expected to be used")
    }
}
