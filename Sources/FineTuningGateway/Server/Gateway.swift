public import FineTuning
import Foundation
public import Hummingbird
public import Logging
import NIOCore
public import Prometheus
import ServiceLifecycle

/// `finetune serve`: an OpenAI-compatible fine-tuning gateway over the facade. It holds no provider
/// knowledge: jobs go to whatever the registry routes their model string to, and tuned models are run
/// by the generators it is given. The store is the truth; pollers keep it current.
public struct Gateway: Sendable {
    public let configuration: GatewayConfiguration
    public let store: GatewayStore
    let client: FineTuningClient
    let generators: [any TunedModelGenerator]
    let metrics: PrometheusCollectorRegistry
    let logger: Logger

    public init(
        configuration: GatewayConfiguration, client: FineTuningClient, generators: [any TunedModelGenerator] = [],
        metrics: PrometheusCollectorRegistry = PrometheusCollectorRegistry(), logger: Logger = Logger(label: "finetune.serve")
    ) async throws {
        self.configuration = configuration
        self.store = try await GatewayStore.open(
            configuration.database, logger: logger, keyCacheLifetime: configuration.keyCacheLifetime, clock: configuration.clock)
        self.client = client
        self.generators = generators
        self.metrics = metrics
        self.logger = logger
    }

    /// The server and its pollers as one application, run under swift-service-lifecycle (SIGTERM and
    /// SIGINT: stop accepting, finish in-flight requests, stop the pollers, return). `onListening`
    /// receives the bound address once the server accepts connections.
    public func application(
        onListening: @escaping @Sendable (_ host: String, _ port: Int) async -> Void = { _, _ in }
    ) throws -> some ApplicationProtocol {
        let launcher = JobLauncher(client: client, store: store)
        let router = try router(launcher: launcher)
        let host = configuration.host
        return Application(
            router: router,
            configuration: ApplicationConfiguration(address: .hostname(host, port: configuration.port), serverName: nil),
            services: [
                JobPoller(store: store, client: client, launcher: launcher, logger: logger, instance: configuration.instanceID, lease: configuration.pollLease)
            ],
            onServerRunning: { channel in await onListening(host, channel.localAddress?.port ?? 0) },
            logger: logger)
    }

    /// Every route of the gateway, as `openapi.json` (beside this module's sources) describes them.
    func router(launcher: JobLauncher) throws -> Router<GatewayRequestContext> {
        let blobs = try FileBlobStore(directory: configuration.filesDirectory)
        let router = Router(context: GatewayRequestContext.self)
        router.add(middleware: AccessLogMiddleware(logger: logger))
        router.add(middleware: OpenAIErrorMiddleware())
        router.add(middleware: MetricsMiddleware())
        HealthRoutes(store: store, registry: metrics).register(on: router)
        DashboardRoutes(store: store).register(on: router)
        let api = router.group("v1").add(middleware: BearerKeyMiddleware(store: store))
        FileRoutes(store: store, blobs: blobs, maxUploadBytes: configuration.maxUploadBytes).register(on: api)
        JobRoutes(store: store, client: client, launcher: launcher, localModels: configuration.localModels).register(on: api)
        ModelRoutes(store: store).register(on: api)
        ChatRoutes(store: store, generators: generators).register(on: api)
        DatasetRoutes(store: store, client: client, scratch: blobs.directory.appendingPathComponent("tmp")).register(on: api)
        return router
    }
}
