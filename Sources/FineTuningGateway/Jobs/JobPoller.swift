import FineTuning
import Foundation
import Logging
import Metrics
import ServiceLifecycle

/// Keeps the store current: polls every unfinished job whose next poll is due through the facade,
/// at the provider's poll interval (later when the backend asks with `Retry-After`, or fails), and
/// copies new events. A job left in `staging` by a request that died (a crash between storing the
/// job and answering, or a backend that failed the create) has its create replayed with the same
/// client token, which finds the backend job if it was made; after `maxStagingAttempts` attempts, or
/// at once when the backend refuses the request, the job fails with the reason. Running local jobs
/// are picked up again after a restart the same way. Instances sharing a database each poll only
/// the jobs they hold a lease on (`GatewayStore+Leases`).
struct JobPoller: Service {
    /// How long a freshly stored job belongs to the request that made it before a poller replays it.
    static let stagingGrace: TimeInterval = 30
    /// How many times a job's create is attempted (the request's own attempt included) before the job
    /// fails: a backend or plugin that crashes on every create is not asked forever.
    static let maxStagingAttempts = 5

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
            guard let backendID = job.backendJobID else { return try await replayCreate(job) }
            let backend = try await client.job(backendID)
            try await store.append(try await newEvents(of: backendID), toJob: job.id)
            try await store.update(job, from: backend, nextPoll: Date().addingTimeInterval(launcher.pollInterval(of: backend)))
        } catch {
            let retryAfter = (error as? FineTuningError)?.retryAfter?.inSeconds ?? 2 * launcher.pollInterval(ofProvider: job.backendJobID?.provider)
            logger.warning("poll failed", metadata: ["job": "\(job.id)", "retry_in_seconds": "\(retryAfter)", "error": "\(error)"])
            try? await store.postponePoll(job.id, until: Date().addingTimeInterval(retryAfter))
        }
    }

    /// Asks the backend again for a job left in `staging`. A refusal the request itself causes (the
    /// framework's permanent errors, the launcher's own checks), or a failure of the last allowed
    /// attempt, fails the job with the reason; other failures are retried at the next poll.
    private func replayCreate(_ job: StoredJob) async throws {
        guard let attempts = try await store.countStagingAttempt(onJob: job.id) else { return }
        do {
            _ = try await launcher.launch(job)
            logger.info("replayed an interrupted create", metadata: ["job": "\(job.id)", "attempt": "\(attempts)"])
        } catch {
            let framework = error as? FineTuningError, launcherCheck = error as? OpenAIError
            let refused = framework.map(Self.isPermanent) ?? (launcherCheck != nil)
            guard refused || attempts >= Self.maxStagingAttempts else { throw error }
            let message = framework?.message ?? launcherCheck?.message ?? "\(error)"
            let failure = JobError(
                code: framework?.code.rawValue ?? launcherCheck?.code ?? "staging_failed",
                message: refused ? message : "the backend did not take the job in \(attempts) attempts; the last one failed: \(message)",
                parameter: framework?.parameter ?? launcherCheck?.param)
            logger.warning("a job's create cannot be replayed", metadata: ["job": "\(job.id)", "attempts": "\(attempts)", "code": "\(failure.code ?? "")"])
            try await store.failStaging(job.id, error: failure)
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
