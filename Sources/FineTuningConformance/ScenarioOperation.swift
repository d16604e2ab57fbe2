/// The provider operation a scenario step calls.
public enum ScenarioOperation: String, Codable, Sendable, Hashable {
    /// `createJob` with translated hyperparameters and the client token `conformance-token`.
    case create
    /// `getJob` of `inputs.job`.
    case get
    /// `listJobs`, following cursors until the last page.
    case listAll = "list_all"
    /// `cancelJob` of `inputs.job`.
    case cancel
    /// `listEvents` of `inputs.job`, every page.
    case events
    /// `listCheckpoints` of `inputs.job`, every page.
    case checkpoints
    /// `pauseJob` of `inputs.job`.
    case pause
    /// `resumeJob` of `inputs.job`.
    case resume
    /// `createJob` as `create`, asking for the job unstarted (`startsImmediately == false`).
    case createUnstarted = "create_unstarted"
    /// `startJob` of `inputs.job`.
    case start
}
