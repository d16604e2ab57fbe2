import FineTuning
import Foundation
import Synchronization

/// Shows a waiting job's progress on stderr: on a terminal one live line (state, epoch, step,
/// loss, ETA) redrawn in place; otherwise one line per state change, and a metrics line at most
/// every few seconds or when validation metrics arrive (so a log stays readable).
final class ProgressDisplay: Sendable {
    // `wait`'s update callback runs on one task at a time; the mutex makes that safe to rely on.
    private let screen: Mutex<ProgressScreen>

    init(interactive: Bool = Terminal.isInteractive) {
        screen = Mutex(ProgressScreen(interactive: interactive))
    }

    func handle(_ update: JobUpdate) {
        screen.withLock { $0.handle(update) }
    }

    /// Ends the live line so later output starts on a fresh one.
    func finish() {
        screen.withLock { $0.finish() }
    }
}

/// What the display has shown so far, and the drawing.
private struct ProgressScreen {
    let interactive: Bool
    private var status = ""
    private var lastMetrics: TrainingMetrics?
    private var firstStep: (step: Int, time: Date)?
    private var liveLineShown = false
    private var lastLoggedMetrics: Date?
    /// The least time between two metrics lines when output is not a terminal.
    private let logInterval: TimeInterval = 5

    init(interactive: Bool) {
        self.interactive = interactive
    }

    mutating func handle(_ update: JobUpdate) {
        switch update {
        case .status(let job):
            // Events replayed from a job that already ended are not labelled with its final status.
            status = job.status.isTerminal ? "" : job.status.description
            printLine("\(job.id): \(job.status)" + (job.error.map { " — \($0.message)" } ?? ""))
        case .progress(let job):
            if let text = job.progress.flatMap(JobRendering.progressText), interactive || isLogDue() { redraw(text) }
        case .event(let event):
            if let metrics = event.metrics {
                record(metrics)
                if interactive || metrics.validLoss != nil || isLogDue() { redraw(liveText(metrics)) }
            } else {
                printLine(event.message)
            }
        }
    }

    mutating func finish() {
        if liveLineShown { FileHandle.standardError.write(Data("\n".utf8)) }
        liveLineShown = false
    }

    private func isLogDue() -> Bool {
        guard let last = lastLoggedMetrics else { return true }
        return Date().timeIntervalSince(last) >= logInterval
    }

    private mutating func record(_ metrics: TrainingMetrics) {
        lastMetrics = metrics
        if let step = metrics.step, firstStep == nil { firstStep = (step, Date()) }
    }

    private func liveText(_ metrics: TrainingMetrics) -> String {
        var parts = status.isEmpty ? [] : [status]
        if let epoch = metrics.epoch { parts.append(String(format: "epoch %.2f", epoch)) }
        if let step = metrics.step { parts.append("step \(step)" + (metrics.totalSteps.map { "/\($0)" } ?? "")) }
        if let loss = metrics.trainLoss { parts.append(String(format: "loss %.4f", loss)) }
        if let loss = metrics.validLoss { parts.append(String(format: "val %.4f", loss)) }
        if let eta = eta(metrics) { parts.append("ETA \(eta)") }
        return parts.joined(separator: "  ")
    }

    /// Remaining time from the step rate seen so far.
    private func eta(_ metrics: TrainingMetrics) -> String? {
        guard let step = metrics.step, let total = metrics.totalSteps, let first = firstStep, step > first.step else { return nil }
        let perStep = Date().timeIntervalSince(first.time) / Double(step - first.step)
        let seconds = Int((Double(max(0, total - step)) * perStep).rounded())
        return String(format: "%02d:%02d", seconds / 60, seconds % 60)
    }

    private mutating func redraw(_ text: String) {
        if interactive {
            FileHandle.standardError.write(Data(("\r\u{1B}[K" + Terminal.printable(text)).utf8))
            liveLineShown = true
        } else {
            FileHandle.standardError.write(Data((Terminal.printable(text) + "\n").utf8))
            lastLoggedMetrics = Date()
        }
    }

    private mutating func printLine(_ text: String) {
        if liveLineShown {
            FileHandle.standardError.write(Data("\n".utf8))
            liveLineShown = false
        }
        FileHandle.standardError.write(Data((Terminal.printable(text) + "\n").utf8))
    }
}
