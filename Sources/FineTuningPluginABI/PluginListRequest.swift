package import FineTuning

/// The `list` member of `list_jobs`, `list_events` and `list_checkpoints` requests.
package struct PluginListRequest: Codable, Sendable {
    /// The job whose events or checkpoints are listed (native id); nil for `list_jobs`.
    package var jobID: String?
    package var cursor: String?
    package var limit: Int?
    /// Normalized status names to keep (nil: all).
    package var statuses: [String]?
    package var labels: [String: String]?

    package static let documentKey = "list"

    package init(jobID: String? = nil, page: PageRequest, filter: JobFilter? = nil) {
        self.jobID = jobID
        cursor = page.cursor
        limit = page.limit
        statuses = filter?.statuses?.map(\.name)
        labels = filter.flatMap { $0.labels.isEmpty ? nil : $0.labels }
    }

    package var page: PageRequest { PageRequest(cursor: cursor, limit: limit) }

    /// The filter the request carries (unknown status names are ignored).
    package var filter: JobFilter {
        JobFilter(
            statuses: statuses.map { $0.map { JobStatus(name: $0, providerStatus: $0) } },
            labels: labels ?? [:])
    }

    enum CodingKeys: String, CodingKey {
        case jobID = "job_id", cursor, limit, statuses, labels
    }
}
