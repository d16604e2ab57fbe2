import FineTuning
import Foundation
import Logging
import Metrics
import ServiceLifecycle

/// Keeps the store current: polls every unfinished job whose next poll is due through the facade,
/// at the provider's poll interval (later when the backend asks with `Retry-After`, or fails), and
/// copies new events. A job left in `staging` by a request that died (a crash between storing the
/// job and answering) has its create replayed with the same client token, which finds the backend
/// job if it was made. Running local jobs are picked up again after a restart the same way. Instances
/// sharing a database each poll only the jobs they hold a lease on (`GatewayStore+Leases`).
struct JobPoller: Service {
    /// How long a freshly stored job belongs to the request that made it before a poller replays it.
    static let stagingGrace: TimeInterval = 30

    let store: GatewayStore
    let client: FineTuningClient
    let launcher: JobLauncher
    let logger: Logger
    /// This instance's name in the leases it holds.
    let instance: String
    /// How long a claimed job stays this instance's without a renewal.
    let lease: Duration
    /// The shortest pause between two sweeps.
    var tick: Duration = .milliseconds(250)

    private let lag = Gauge(label: "finetune_gateway_poller_lag_seconds")

    init(store: GatewayStore, client: FineTuningClient, launcher: JobLauncher, logger: Logger, instance: String, lease: Duration) {
        self.store = store
        self.client = client
        self.launcher = launcher
        self.logger = logger
        self.instance = instance
        self.lease = lease
    }

    func run() async throws {
        await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                await sweep()
                try? await Task.sleep(for: tick)
            }
        }
        // A graceful shutdown hands the leases back so another instance (or this one restarted) polls
        // at once; a killed instance's leases simply expire.
        guard !Task.isCancelled else { return }
        do {
            try await store.releaseLeases(of: instance)
        } catch {
            logger.warning("poller could not release its leases; they expire", metadata: ["error": "\(error)"])
        }
    }

    /// Claims the due jobs no other instance holds and polls each once, renewing its lease first.
    func sweep() async {
        let now = Date()
        let due: [StoredJob]
        do {
            due = try await store.claimJobsDueForPoll(by: instance, at: now, leaseEnd: now.addingTimeInterval(lease.inSeconds))
        } catch {
            logger.error("poller could not claim due jobs", metadata: ["error": "\(error)"])
            return
        }
        lag.record(due.first.map { now.timeIntervalSince1970 - $0.nextPollAt } ?? 0)
        for job in due {
            guard !Task.isCancelled else { return }
            do {
                guard try await store.renewLease(onJob: job.id, by: instance, until: Date().addingTimeInterval(lease.inSeconds)) else { continue }
            } catch {
                logger.error("poller could not renew a lease", metadata: ["job": "\(job.id)", "error": "\(error)"])
                return
            }
            await poll(job)
        }
    }

    private func poll(_ job: StoredJob) async {
        do {
            guard let backendID = job.backendJobID else {
                _ = try await launcher.launch(job)
                logger.info("replayed an interrupted create", metadata: ["job": "\(job.id)"])
                return
            }
            let backend = try await client.job(backendID)
            try await store.append(try await newEvents(of: backendID), toJob: job.id)
            try await store.update(job, from: backend, nextPoll: Date().addingTimeInterval(launcher.pollInterval(of: backend)))
        } catch let error as FineTuningError where job.backendJobID == nil && Self.isPermanent(error) {
            logger.warning("an interrupted create cannot be replayed", metadata: ["job": "\(job.id)", "code": "\(error.code)"])
            try? await store.failStaging(job.id, error: JobError(code: error.code.rawValue, message: error.message, parameter: error.parameter))
        } catch {
            let retryAfter = (error as? FineTuningError)?.retryAfter?.inSeconds ?? 2 * launcher.pollInterval(ofProvider: job.backendJobID?.provider)
            logger.warning("poll failed", metadata: ["job": "\(job.id)", "retry_in_seconds": "\(retryAfter)", "error": "\(error)"])
            try? await store.postponePoll(job.id, until: Date().addingTimeInterval(retryAfter))
        }
    }

    /// The backend's events, oldest first (events already stored are skipped by the store).
    private func newEvents(of backendID: JobID) async throws -> [JobEvent] {
        var events: [JobEvent] = []
        for try await event in try client.events(backendID) { events.append(event) }
        let order = try client.registry.registration(for: backendID.provider).descriptor.eventOrder
        return order == .newestFirst ? events.reversed() : events
    }

    /// Errors a replay cannot cure: the request itself is refused.
    static func isPermanent(_ error: FineTuningError) -> Bool {
        [.invalidRequest, .invalidData, .unsupported, .notFound, .permissionDenied, .authentication, .configuration, .conflict, .quotaExceeded]
            .contains(error.code)
    }
}
