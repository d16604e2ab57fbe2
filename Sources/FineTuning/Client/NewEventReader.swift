/// Finds the events of a job that `wait` has not reported yet, poll after poll, reading only the
/// pages where new events can be: the first pages of a newest-first listing, the pages after the
/// last cursor of an oldest-first one.
struct NewEventReader {
    let provider: any FineTuningProvider
    let jobID: String
    /// Events per page asked for.
    var pageSize = 100
    /// The most pages read in one poll (a burst larger than this is reported over the next polls).
    var maxPagesPerPoll = 10

    private var seen = Set<String>()
    /// Where an oldest-first listing continues.
    private var resumeCursor: String?

    init(provider: any FineTuningProvider, jobID: String) {
        self.provider = provider
        self.jobID = jobID
    }

    /// The events not reported before, oldest first.
    mutating func next() async throws -> [JobEvent] {
        var fresh: [JobEvent] = []
        var request = PageRequest(cursor: provider.descriptor.eventOrder == .oldestFirst ? resumeCursor : nil, limit: pageSize)
        for _ in 0..<maxPagesPerPoll {
            let page = try await provider.listEvents(jobID: jobID, page: request)
            let unseen = page.items.filter { !seen.contains($0.id) }
            seen.formUnion(unseen.map(\.id))
            fresh += unseen
            let next = page.nextCursor.flatMap { $0 == request.cursor || page.items.isEmpty ? nil : $0 }
            switch provider.descriptor.eventOrder {
            case .oldestFirst:
                // Re-read the last page next time when the listing gives no cursor past it.
                resumeCursor = page.nextCursor ?? request.cursor
                guard let next else { return JobWatcher.chronological(fresh) }
                request = PageRequest(cursor: next, limit: pageSize)
            case .newestFirst:
                // Older pages hold only seen events once a page holds one; the first poll reads one page.
                guard let next, unseen.count == page.items.count, seen.count > unseen.count else { return JobWatcher.chronological(fresh) }
                request = PageRequest(cursor: next, limit: pageSize)
            }
        }
        return JobWatcher.chronological(fresh)
    }
}
