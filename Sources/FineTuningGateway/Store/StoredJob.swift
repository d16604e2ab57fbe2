public import FineTuning
import Foundation

/// A job as the gateway keeps it: what the key asked for (stored before the backend is called, so
/// nothing acknowledged is lost) and the backend's last known state.
public struct StoredJob: Sendable {
    /// The gateway's own id (`ftjob-...`), the one clients see.
    public var id: String
    public var owner: String
    /// The model string as given (`llamacpp/tiny.gguf`, `openai/gpt-4o-mini`, ...).
    public var model: String
    public var trainingFile: String
    public var validationFile: String?
    /// The create request as received, replayed when a crash interrupted staging.
    public var request: JobCreateRequest
    /// Makes the backend create idempotent: a replay finds the job the first attempt made.
    public var clientToken: String
    /// The provider-qualified backend job id, once the backend has the job.
    public var backendJobID: JobID?
    public var status: GatewayJobStatus
    public var fineTunedModel: String?
    public var createdAt: Int64
    public var finishedAt: Int64?
    /// The backend's job in the normalized wire form, as last polled.
    public var snapshot: FineTuningJob?
    /// Why the gateway itself ended the job (a create that could not be replayed after a crash).
    public var gatewayError: JobError?
    /// When a poller looks at the job next (seconds since 1970).
    public var nextPollAt: Double = 0
    /// The gateway instance that polls the job while its lease lasts (see `claimJobsDueForPoll`).
    public var leaseOwner: String?
    /// How many times the backend was asked to create the job (the request's own attempt, then each
    /// replay); the poller fails the job after `JobPoller.maxStagingAttempts`.
    public var stagingAttempts: Int = 0
    public var metadata: [String: String] { request.metadata ?? [:] }

    /// The id clients use for the tuned model, OpenAI-style (`ft:PROVIDER:OWNER:SUFFIX:JOB`): it names
    /// neither a server path nor the backend's own model name.
    func gatewayModelID(provider: String) -> String {
        "ft:\(provider):\(owner):\(request.suffix ?? ""):\(id)"
    }
}

/// The gateway's view of a job's state: the normalized states, plus `staging` while the file is
/// handed to the backend and the backend job does not exist yet.
public enum GatewayJobStatus: Sendable, Hashable {
    case staging
    case backend(JobStatus)

    init(storedName: String) {
        self = storedName == "staging" ? .staging : .backend(JobStatus(name: storedName, providerStatus: storedName))
    }

    var storedName: String {
        switch self {
        case .staging: "staging"
        case .backend(let status): status.name
        }
    }

    public var isTerminal: Bool {
        if case .backend(let status) = self { return status.isTerminal }
        return false
    }
}
