import FineTuning
import Testing
@testable import FineTuningVertex

@Suite struct VertexStateMappingTests {
    /// Every JobState in job_state.proto, with the status it must become.
    static let expected: [(String, JobStatus)] = [
        ("JOB_STATE_UNSPECIFIED", .unknown("JOB_STATE_UNSPECIFIED")), ("JOB_STATE_QUEUED", .queued),
        ("JOB_STATE_PENDING", .queued), ("JOB_STATE_RUNNING", .running), ("JOB_STATE_SUCCEEDED", .succeeded),
        ("JOB_STATE_FAILED", .failed), ("JOB_STATE_CANCELLING", .cancelling), ("JOB_STATE_CANCELLED", .cancelled),
        ("JOB_STATE_PAUSED", .paused), ("JOB_STATE_EXPIRED", .expired), ("JOB_STATE_UPDATING", .running),
        ("JOB_STATE_PARTIALLY_SUCCEEDED", .unknown("JOB_STATE_PARTIALLY_SUCCEEDED")),
    ]

    @Test(arguments: expected)
    func jobState(state: String, status: JobStatus) {
        #expect(VertexStateMapping.status(state: state, tuningJobState: nil) == status)
    }

    @Test func everyProtoStateHasARow() {
        #expect(Set(VertexStateMapping.jobStates.keys) == Set(Self.expected.map(\.0)))
    }

    @Test(arguments: [
        ("TUNING_JOB_STATE_WAITING_FOR_QUOTA", JobStatus.queued), ("TUNING_JOB_STATE_PROCESSING_DATASET", .validating),
        ("TUNING_JOB_STATE_WAITING_FOR_CAPACITY", .queued), ("TUNING_JOB_STATE_TUNING", .running),
        ("TUNING_JOB_STATE_POST_PROCESSING", .running),
    ])
    func tuningJobStateRefinesAnUnfinishedJob(detail: String, status: JobStatus) {
        #expect(VertexStateMapping.status(state: "JOB_STATE_PENDING", tuningJobState: detail) == status)
        #expect(VertexStateMapping.status(state: "JOB_STATE_RUNNING", tuningJobState: detail) == status)
    }

    @Test func aFinishedJobIgnoresTheDetailState() {
        #expect(VertexStateMapping.status(state: "JOB_STATE_SUCCEEDED", tuningJobState: "TUNING_JOB_STATE_TUNING") == .succeeded)
        #expect(VertexStateMapping.status(state: "JOB_STATE_CANCELLING", tuningJobState: "TUNING_JOB_STATE_TUNING") == .cancelling)
    }

    @Test func unknownValuesStayUnknownAndAreNeverQueued() {
        #expect(VertexStateMapping.status(state: "JOB_STATE_HIBERNATING", tuningJobState: nil) == .unknown("JOB_STATE_HIBERNATING"))
        #expect(VertexStateMapping.status(state: "JOB_STATE_PENDING", tuningJobState: "TUNING_JOB_STATE_NEW") == .queued)
        #expect(VertexStateMapping.status(state: nil, tuningJobState: nil) == .unknown(""))
    }

    @Test func statusFiltersAskForEveryStateThatCanProduceTheStatus() {
        #expect(VertexStateMapping.states(for: .queued) == ["JOB_STATE_PENDING", "JOB_STATE_QUEUED", "JOB_STATE_RUNNING", "JOB_STATE_UPDATING"])
        #expect(VertexStateMapping.states(for: .succeeded) == ["JOB_STATE_SUCCEEDED"])
        #expect(VertexStateMapping.states(for: .validating) == ["JOB_STATE_PENDING", "JOB_STATE_QUEUED", "JOB_STATE_RUNNING", "JOB_STATE_UPDATING"])
        #expect(VertexStateMapping.states(for: .unknown("JOB_STATE_NEW")) == ["JOB_STATE_NEW"])
    }
}
