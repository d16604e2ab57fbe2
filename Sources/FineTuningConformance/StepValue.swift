public import FineTuning

/// What a successful step returned, in the normalized model.
public enum StepValue: Sendable {
    case job(FineTuningJob)
    case jobs([FineTuningJob], pages: Int)
    case events([JobEvent], pages: Int)
    case checkpoints([Checkpoint], pages: Int)

    /// The jobs the step returned (one for get, create, cancel, pause, resume).
    var jobs: [FineTuningJob] {
        switch self {
        case .job(let job): [job]
        case .jobs(let jobs, _): jobs
        case .events, .checkpoints: []
        }
    }

    /// Items and pages of a listing; nil for a single job.
    var listing: (items: Int, pages: Int)? {
        switch self {
        case .job: nil
        case .jobs(let items, let pages): (items.count, pages)
        case .events(let items, let pages): (items.count, pages)
        case .checkpoints(let items, let pages): (items.count, pages)
        }
    }
}
