import FineTuning
import Foundation
import Logging
import ServiceLifecycle
import Testing
@testable import FineTuningGateway

/// The poller's leases over its lifetime: it holds the jobs it polls, gives them back when it stops
/// gracefully, and keeps them (until they expire) when it is killed.
@Suite struct PollerLeaseTests {
    enum Stop: CaseIterable { case graceful, killed }

    @Test(arguments: TestDatabase.allCases, Stop.allCases)
    func aGracefulStopHandsTheLeasesBack(database: TestDatabase, stop: Stop) async throws {
        try await database.withStore { store, _ in
            // A job whose create a poller replays; with no provider registered every replay fails and is retried later.
            try await store.insert(GatewayStoreTests.job("ftjob-staged"), firstPollAfter: -1)
            let client = FineTuningClient(registry: ProviderRegistry())
            let poller = JobPoller(
                store: store, client: client, launcher: JobLauncher(client: client, store: store), logger: Logger(label: "poller-test"),
                instance: "instance-under-test", lease: .seconds(60))
            let group = ServiceGroup(configuration: ServiceGroupConfiguration(services: [poller], logger: Logger(label: "poller-test")))
            let running = Task { try await group.run() }
            var owner: String?
            for _ in 0..<100 where owner == nil {
                try await Task.sleep(for: .milliseconds(50))
                owner = try await store.job("ftjob-staged", visibleTo: GatewayStoreTests.admin)?.leaseOwner
            }
            #expect(owner == "instance-under-test")
            switch stop {
            case .graceful: await group.triggerGracefulShutdown()
            case .killed: running.cancel()
            }
            _ = await running.result
            let after = try await store.job("ftjob-staged", visibleTo: GatewayStoreTests.admin)?.leaseOwner
            #expect(after == (stop == .graceful ? nil : "instance-under-test"))
        }
    }
}
