import Foundation

/// `finetune eval`'s progress on stderr: one bar per model, redrawn in place on a terminal, one
/// line per model when it is done otherwise.
final class EvalProgressBar: @unchecked Sendable {
    // Updated from the answerers' progress callbacks; the lock serializes them.
    private let lock = NSLock()
    private let models: [String]
    private let total: Int
    private let interactive: Bool
    private var current = -1
    private var started = Date()

    init(models: [String], total: Int, interactive: Bool = Terminal.isInteractive) {
        self.models = models
        self.total = total
        self.interactive = interactive
    }

    func update(model: Int, answered: Int) {
        lock.withLock {
            if model != current {
                if current >= 0 { endLine(current, answered: total) }
                current = model
                started = Date()
            }
            if interactive {
                let width = 30, filled = total == 0 ? width : width * answered / total
                let bar = String(repeating: "#", count: filled) + String(repeating: "-", count: width - filled)
                FileHandle.standardError.write(Data("\r\u{1B}[K\(models[model])  [\(bar)] \(answered)/\(total)".utf8))
            }
        }
    }

    func finish() {
        lock.withLock {
            if current >= 0 { endLine(current, answered: total) }
            current = -1
        }
    }

    private func endLine(_ model: Int, answered: Int) {
        let line = String(format: "%@: %d/%d answered in %.1f s", models[model], answered, total, Date().timeIntervalSince(started))
        FileHandle.standardError.write(Data(((interactive ? "\r\u{1B}[K" : "") + line + "\n").utf8))
    }
}
