import Foundation
import Synchronization

/// `finetune eval`'s progress on stderr: one bar per model, redrawn in place on a terminal, one
/// line per model when it is done otherwise.
final class EvalProgressBar: Sendable {
    // Updated from the answerers' progress callbacks; the mutex serializes them.
    private let bar: Mutex<Bar>

    init(models: [String], total: Int, interactive: Bool = Terminal.isInteractive) {
        bar = Mutex(Bar(models: models, total: total, interactive: interactive))
    }

    func update(model: Int, answered: Int) {
        bar.withLock { $0.update(model: model, answered: answered) }
    }

    func finish() {
        bar.withLock { $0.finish() }
    }
}

/// The model being answered and the drawing.
private struct Bar {
    let models: [String]
    let total: Int
    let interactive: Bool
    private var current = -1
    private var started = Date()

    init(models: [String], total: Int, interactive: Bool) {
        self.models = models
        self.total = total
        self.interactive = interactive
    }

    mutating func update(model: Int, answered: Int) {
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

    mutating func finish() {
        if current >= 0 { endLine(current, answered: total) }
        current = -1
    }

    private func endLine(_ model: Int, answered: Int) {
        let line = String(format: "%@: %d/%d answered in %.1f s", models[model], answered, total, Date().timeIntervalSince(started))
        FileHandle.standardError.write(Data(((interactive ? "\r\u{1B}[K" : "") + line + "\n").utf8))
    }
}
