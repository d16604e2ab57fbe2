import ArgumentParser
import FineTuning

/// Options of every command that waits for a job, and the waiting itself.
struct WaitOptionsGroup: ParsableArguments {
    @Option(name: .long, help: "Give up waiting after this many seconds (the job keeps running).")
    var timeout: Double?

    @Option(name: .long, help: "Seconds between the first polls (default: the provider's own).")
    var pollInterval: Double?

    /// Waits with a progress display and prints the final job; exits 1 unless it succeeded.
    func waitAndReport(_ client: FineTuningClient, id: JobID, output: OutputOptions) async throws {
        let display = ProgressDisplay()
        let job: FineTuningJob
        do {
            job = try await client.wait(for: id, options: WaitOptions(pollInterval: pollInterval.map { .seconds($0) }, timeout: timeout.map { .seconds($0) })) { update in
                display.handle(update)
            }
            display.finish()
        } catch {
            display.finish()
            throw error
        }
        if output.json {
            try output.printDocument("job", job)
        } else {
            Terminal.line(JobRendering.summary(job))
        }
        if job.status != .succeeded { throw ExitCode(ExitCodes.jobUnsuccessful) }
    }
}
