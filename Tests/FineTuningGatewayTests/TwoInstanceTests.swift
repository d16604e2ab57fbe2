import FineTuning
import FineTuningTestSupport
import Foundation
import Testing
@testable import FineTuningGateway

/// Two gateways on one PostgreSQL database: they serve the same keys, files and jobs; a hosted job is
/// polled by one of them at a time (the upstream tells them apart by their API keys); and when that
/// one stops, the other takes the job over once the lease has expired.
@Suite struct TwoInstanceTests {
    @Test func twoGatewaysShareOneDatabaseAndPollEachJobFromOneInstanceAtATime() async throws {
        let database = GatewayDatabaseLocation.postgres(try await TestDatabase.freshPostgresDatabase())
        let upstream = try HostedBackendTests.Upstream(fault: .none, keepsRunning: true)
        let server = try TestHTTPServer { upstream.handle($0) }
        defer { server.stop() }
        // Long enough that the owner renews it even on a starved 2-core machine (each poll renews it).
        let lease = Duration.seconds(6)
        let upstreamKeys = ["sk-instance-one-0001", "sk-instance-two-0002"]
        var instances: [GatewayHarness] = []
        for upstreamKey in upstreamKeys {
            instances.append(try await GatewayHarness(
                registry: try HostedBackendTests.registry(server, apiKey: upstreamKey), database: database, pollLease: lease))
        }
        do {
            try await Self.exercise(instances, upstream: upstream, upstreamKeys: upstreamKeys, lease: lease)
        } catch {
            for instance in instances { await instance.stop() }
            throw error
        }
        for instance in instances { await instance.stop() }
    }

    /// The test's steps (stopping an instance twice is harmless, so the caller stops both whatever happens).
    static func exercise(_ instances: [GatewayHarness], upstream: HostedBackendTests.Upstream, upstreamKeys: [String], lease: Duration) async throws {
        // A key made on one instance works on the other; a file uploaded to one is used by the other.
        let key = try await instances[0].key("alice")
        let file = try #require(try await instances[0].upload(GatewayHarness.validChatFile, key: key).json?["id"]?.stringValue)
        let created = try await instances[1].send(
            "POST", "/v1/fine_tuning/jobs", key: key, json: ["model": "openai/gpt-4o-mini-2024-07-18", "training_file": .string(file)])
        #expect(created.status == 200, "\(created.text)")
        let id = try #require(created.json?["id"]?.stringValue)
        #expect(try await instances[0].send("GET", "/v1/fine_tuning/jobs/\(id)", key: key).status == 200)
        #expect(try await instances[0].send("GET", "/v1/fine_tuning/jobs", key: key).json?["data"]?.arrayValue?.compactMap { $0["id"]?.stringValue } == [id])

        // Until the job has been polled three times (every 0.2 s, later on a busy machine), every poll
        // comes from the instance holding the lease.
        var polls = upstream.polls
        for _ in 0..<100 where polls.count < 3 {
            try await Task.sleep(for: .milliseconds(100))
            polls = upstream.polls
        }
        #expect(polls.count >= 3, "the job is polled every 0.2 s")
        #expect(Set(polls.map(\.key)).count == 1, "one instance polls the job at a time: \(polls.map(\.key))")
        for instance in instances {
            #expect(try await instance.send("GET", "/v1/fine_tuning/jobs/\(id)", key: key).json?["status"] == "running", "both serve the polled state")
        }
        let firstPoller = try #require(polls.first?.key)
        let ownerIndex = try #require(upstreamKeys.firstIndex(of: firstPoller))
        let owner = instances[ownerIndex], other = instances[1 - ownerIndex]
        #expect(try await other.gateway.store.job(id, visibleTo: Principal(name: "alice", isAdmin: true))?.leaseOwner == owner.gateway.configuration.instanceID)

        // The owner stops without giving the lease back (as a killed process would): the other instance
        // takes the job over once the lease has expired, not before.
        await owner.stop()
        let lastOwnerPoll = try #require(upstream.polls.last(where: { $0.key == upstreamKeys[ownerIndex] })).at
        var takeover: Date?
        for _ in 0..<Int(lease.inSeconds * 10) + 150 where takeover == nil {
            try await Task.sleep(for: .milliseconds(100))
            takeover = upstream.polls.first(where: { $0.key == upstreamKeys[1 - ownerIndex] })?.at
        }
        let takenOver = try #require(takeover, "the other instance never took the job over")
        #expect(takenOver.timeIntervalSince(lastOwnerPoll) >= lease.inSeconds - 0.2, "taken over only after the lease expired")
        #expect(takenOver.timeIntervalSince(lastOwnerPoll) <= lease.inSeconds + 10)
        #expect(try await other.gateway.store.job(id, visibleTo: Principal(name: "alice", isAdmin: true))?.leaseOwner == other.gateway.configuration.instanceID)
        #expect(try await other.send("GET", "/v1/fine_tuning/jobs/\(id)", key: key).json?["status"] == "running")
    }
}
