import Foundation
import Synchronization

/// Where a provider came from.
public enum ProviderOrigin: Sendable, Hashable, CustomStringConvertible {
    case builtIn
    /// Loaded from a shared library at this path, with the plugin's own version.
    case plugin(path: String, version: String)

    public var description: String {
        switch self {
        case .builtIn: "built-in"
        case .plugin(let path, let version): "plugin \(version) (\(path))"
        }
    }
}

/// A provider the registry knows: its descriptor at once, the provider itself made on first use
/// (so that listing providers never needs credentials).
public struct ProviderRegistration: Sendable {
    public let descriptor: ProviderDescriptor
    public let origin: ProviderOrigin
    /// Refuses a base model the provider can never tune (naming where to tune it instead) before the
    /// provider is made, so the answer needs no credentials and comes before the data is read.
    public let checkModel: @Sendable (String) throws -> Void
    public let make: @Sendable () throws -> any FineTuningProvider

    public init(
        descriptor: ProviderDescriptor, origin: ProviderOrigin, checkModel: @escaping @Sendable (String) throws -> Void = { _ in },
        make: @escaping @Sendable () throws -> any FineTuningProvider
    ) {
        self.descriptor = descriptor
        self.origin = origin
        self.checkModel = checkModel
        self.make = make
    }
}

/// The providers model strings and job ids are routed to. Built-in adapters and plugins register
/// into it; ids must be unique.
public final class ProviderRegistry: Sendable {
    private let registrations = Mutex<[String: ProviderRegistration]>([:])
    private let instances = Mutex<[String: any FineTuningProvider]>([:])

    public init() {}

    /// Adds a provider; an id already taken is an error naming both origins.
    public func register(_ registration: ProviderRegistration) throws {
        try registrations.withLock { registrations in
            let id = registration.descriptor.id
            if let existing = registrations[id] {
                throw FineTuningError(
                    .configuration,
                    "provider id '\(id)' from \(registration.origin) clashes with the \(existing.origin) provider of the same id",
                    provider: id)
            }
            registrations[id] = registration
        }
    }

    /// Adds an already constructed provider.
    public func register(_ provider: any FineTuningProvider, origin: ProviderOrigin = .builtIn) throws {
        try register(ProviderRegistration(descriptor: provider.descriptor, origin: origin, make: { provider }))
    }

    /// The registered provider ids, sorted.
    public var providerIDs: [String] {
        registrations.withLock { $0.keys.sorted() }
    }

    /// Every registration, sorted by id.
    public var all: [ProviderRegistration] {
        registrations.withLock { $0.values.sorted { $0.descriptor.id < $1.descriptor.id } }
    }

    /// The registration of `id`, or an error listing the registered providers.
    public func registration(for id: String) throws -> ProviderRegistration {
        try registrations.withLock { registrations in
            guard let registration = registrations[id] else {
                throw FineTuningError(
                    .invalidRequest,
                    "unknown provider '\(id)'. Registered providers: \(registrations.keys.sorted().joined(separator: ", "))",
                    provider: id, parameter: "model")
            }
            return registration
        }
    }

    /// The provider for `id`, made on first use and kept.
    public func provider(for id: String) throws -> any FineTuningProvider {
        let registration = try registration(for: id)
        if let instance = instances.withLock({ $0[id] }) { return instance }
        let instance = try registration.make()
        return instances.withLock { instances in
            if let raced = instances[id] { return raced }
            instances[id] = instance
            return instance
        }
    }

    /// Routes a model string to its provider.
    public func resolve(model text: String) throws -> (provider: any FineTuningProvider, model: ModelReference) {
        let reference = try ModelReference(parsing: text, knownProviders: providerIDs)
        return (try provider(for: reference.provider), reference)
    }

    /// Parses a job id typed by a user (`provider:native`), or an error that shows the form and
    /// lists the registered providers. The string form of a job id is for the command line and
    /// configuration; the library takes `JobID`.
    public func jobID(parsing text: String) throws -> JobID {
        guard let id = JobID(text) else {
            throw FineTuningError(
                .invalidRequest,
                "job id '\(text)' is not provider-qualified: write PROVIDER:ID, for example openai:ftjob-abc123. Registered providers: \(providerIDs.joined(separator: ", "))",
                parameter: "job_id")
        }
        return id
    }

    /// The provider that made job `id`.
    public func provider(for id: JobID) throws -> any FineTuningProvider {
        try provider(for: id.provider)
    }
}
