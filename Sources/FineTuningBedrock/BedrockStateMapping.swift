import FineTuning

/// Bedrock's model customization job states (`ModelCustomizationJobStatus`) and the normalized ones.
enum BedrockStateMapping {
    static func status(_ state: String, details: JSONValue?) -> JobStatus {
        switch state {
        case "InProgress":
            // While Bedrock validates the data, statusDetails.validationDetails is InProgress.
            details?["validationDetails"]?["status"]?.stringValue == "InProgress" ? .validating : .running
        case "Completed": .succeeded
        case "Failed": .failed
        case "Stopping": .cancelling
        case "Stopped": .cancelled
        default: .unknown(state)
        }
    }

    /// The Bedrock state a normalized status filter asks for, when there is exactly one.
    static func state(for status: JobStatus) -> String? {
        switch status {
        case .queued, .validating, .running: "InProgress"
        case .succeeded: "Completed"
        case .failed: "Failed"
        case .cancelling: "Stopping"
        case .cancelled: "Stopped"
        default: nil
        }
    }
}
