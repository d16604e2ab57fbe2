package import CFineTuningPlugin
package import FineTuning

/// The operations of the plugin table, by the names the ABI gives them.
package enum PluginOperation: String, CaseIterable, Sendable {
    case createJob = "create_job"
    case getJob = "get_job"
    case listJobs = "list_jobs"
    case cancelJob = "cancel_job"
    case listEvents = "list_events"
    case listCheckpoints = "list_checkpoints"
    case pauseJob = "pause_job"
    case resumeJob = "resume_job"
    case startJob = "start_job"

    /// The capability that makes the operation required; nil for the four every plugin has.
    package var capability: ProviderCapability? {
        switch self {
        case .createJob, .getJob, .listJobs, .cancelJob: nil
        case .listEvents: .events
        case .listCheckpoints: .checkpoints
        case .pauseJob, .resumeJob: .pauseResume
        case .startJob: .deferredStart
        }
    }

    /// The operation's function pointer in `table` (nil when the plugin left it NULL).
    package func function(in table: finetune_plugin_table_v1) -> finetune_operation_fn? {
        switch self {
        case .createJob: table.create_job
        case .getJob: table.get_job
        case .listJobs: table.list_jobs
        case .cancelJob: table.cancel_job
        case .listEvents: table.list_events
        case .listCheckpoints: table.list_checkpoints
        case .pauseJob: table.pause_job
        case .resumeJob: table.resume_job
        case .startJob: table.start_job
        }
    }
}
