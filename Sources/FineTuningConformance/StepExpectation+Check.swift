import FineTuning
import FineTuningHTTP
import Foundation

/// What a step's result is checked against besides its expectation.
struct StepContext {
    let providerID: String
    let fixture: FixtureTarget
    let inputs: StepInputs
    /// The last response the replay gave, for error-message checks.
    let lastResponse: HTTPResponse?
}

extension StepExpectation {
    /// Every way `outcome` misses this expectation, one sentence each; empty when it matches.
    func failures(of outcome: Result<StepValue, any Error>, in context: StepContext) -> [String] {
        switch outcome {
        case .success(let value):
            if let errorCode { return ["expected error \(errorCode), but the call succeeded"] }
            return valueFailures(value, in: context)
        case .failure(let error as ConformanceFailure):
            return [error.reason]
        case .failure(let error as FineTuningError) where errorCode == nil && error.transportFailure == .notRecorded:
            // The runner reports the request the fixture does not hold, with the closest recorded one.
            return []
        case .failure(let error as FineTuningError):
            guard let errorCode else { return ["call failed: \(error.description)"] }
            return errorFailures(error, expected: errorCode, in: context)
        case .failure(let error):
            return ["call threw \(type(of: error)), not a FineTuningError: \(error)"]
        }
    }

    private func errorFailures(_ error: FineTuningError, expected code: String, in context: StepContext) -> [String] {
        var failures: [String] = []
        if error.code.rawValue != code {
            failures.append("expected error \(code), got \(error.code.rawValue): \(error.message)")
        }
        if errorParameterPresent == true, (error.parameter ?? "").isEmpty {
            failures.append("error names no parameter: \(error.message)")
        }
        if errorMentionsResponse == true {
            failures += responseMentionFailures(error.message, response: context.lastResponse)
        }
        return failures
    }

    private func responseMentionFailures(_ message: String, response: HTTPResponse?) -> [String] {
        guard let response else { return ["no response was replayed, so the error cannot mention one"] }
        var failures: [String] = []
        if !message.contains(String(response.status)) {
            failures.append("error message does not mention HTTP status \(response.status): \(message)")
        }
        let bodyStart = String(String(decoding: response.body, as: UTF8.self)
            .replacingOccurrences(of: "\n", with: " ").trimmingCharacters(in: .whitespaces).prefix(12))
        if !bodyStart.isEmpty, !message.contains(bodyStart) {
            failures.append("error message does not quote the start of the body ('\(bodyStart)'): \(message)")
        }
        return failures
    }

    private func valueFailures(_ value: StepValue, in context: StepContext) -> [String] {
        var failures: [String] = []
        let jobs = value.jobs
        if jobIDQualified == true {
            for job in jobs where job.id.provider != context.providerID || job.id.native.isEmpty {
                failures.append("job id '\(job.id)' is not qualified with provider '\(context.providerID)'")
            }
        }
        if needsSingleJob {
            guard case .job(let job) = value else { return failures + ["the operation returned no single job to check"] }
            failures += jobFailures(job, in: context)
        }
        if let listing = value.listing {
            failures += listingFailures(value, items: listing.items, pages: listing.pages, in: context)
        }
        return failures
    }

    private var needsSingleJob: Bool {
        statusIn != nil || unknownStatusPreserved == true || jobIDMatchesInput == true || tunedModelPresent == true
            || jobErrorPresent == true
    }

    private func jobFailures(_ job: FineTuningJob, in context: StepContext) -> [String] {
        var failures: [String] = []
        if let statusIn, !statusIn.contains(job.status.name) {
            failures.append("status is \(job.status) (provider '\(job.providerStatus)'), expected one of \(statusIn.joined(separator: ", "))")
        }
        if unknownStatusPreserved == true, !Self.preservesUnknownState(job) {
            failures.append("status \(job.status) does not preserve the provider's state '\(job.providerStatus)' as unknown(raw)")
        }
        if jobIDMatchesInput == true, let input = context.inputs.job {
            do {
                let expected = try context.fixture.resolve(input)
                if job.id.native != expected { failures.append("asked for job '\(expected)', got '\(job.id.native)'") }
            } catch {
                failures.append("\(error)")
            }
        }
        if tunedModelPresent == true, (job.tunedModel?.name ?? job.tunedModel?.endpoint ?? "").isEmpty {
            failures.append("job names no tuned model or endpoint")
        }
        if jobErrorPresent == true, (job.error?.message ?? "").isEmpty {
            failures.append("job carries no error message")
        }
        return failures
    }

    /// True when the job's status is `unknown(raw)` with the provider's own, non-empty state.
    private static func preservesUnknownState(_ job: FineTuningJob) -> Bool {
        guard case .unknown(let raw) = job.status else { return false }
        return !raw.isEmpty && raw == job.providerStatus
    }

    private func listingFailures(_ value: StepValue, items: Int, pages: Int, in context: StepContext) -> [String] {
        var failures: [String] = []
        if let minPages, pages < minPages {
            failures.append("listing took \(pages) page(s), expected at least \(minPages)")
        }
        if let itemsTotal {
            do {
                let total = try context.fixture.resolve(itemsTotal)
                if items != total { failures.append("listing returned \(items) item(s), expected \(total)") }
            } catch {
                failures.append("\(error)")
            }
        }
        if let minEventsWithMetrics, case .events(let events, _) = value {
            let withMetrics = events.filter { $0.metrics?.step != nil && $0.metrics?.trainLoss != nil }.count
            if withMetrics < minEventsWithMetrics {
                failures.append("\(withMetrics) of \(events.count) event(s) carry metrics with step and train loss, expected at least \(minEventsWithMetrics)")
            }
        }
        if let minCheckpoints, items < minCheckpoints {
            failures.append("\(items) checkpoint(s) listed, expected at least \(minCheckpoints)")
        }
        return failures
    }
}
