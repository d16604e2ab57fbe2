import FineTuning
public import Foundation

/// A job's checkpoints on disk: `checkpoints/step-NNNNNN/` with `model.gguf` and `state.json`.
/// A checkpoint is written into a hidden folder and renamed into place, so a crash never leaves a
/// half-written one; only the newest `checkpointsKept` are kept.
extension LocalJobStore {
    public static let checkpointsKept = 3

    public func checkpointsDirectory(of id: String) -> URL { directory(of: id).appendingPathComponent("checkpoints", isDirectory: true) }
    public func pauseFile(of id: String) -> URL { directory(of: id).appendingPathComponent("pause-requested") }

    /// A saved checkpoint: its state and its weights.
    public struct StoredCheckpoint: Sendable, Hashable {
        public var state: TrainingCheckpoint
        public var directory: URL
        public var modelFile: URL { directory.appendingPathComponent("model.gguf") }
    }

    /// The job's complete checkpoints, oldest first (unreadable or unfinished folders are skipped).
    public func checkpoints(of id: String) -> [StoredCheckpoint] {
        let root = checkpointsDirectory(of: id)
        let names = (try? FileManager.default.contentsOfDirectory(atPath: root.path)) ?? []
        return names.filter { $0.hasPrefix("step-") }.sorted().compactMap { name in
            let folder = root.appendingPathComponent(name, isDirectory: true)
            guard let data = FileManager.default.contents(atPath: folder.appendingPathComponent("state.json").path),
                  let state = try? WireFormat.value(TrainingCheckpoint.self, at: "checkpoint", in: data),
                  FileManager.default.fileExists(atPath: folder.appendingPathComponent("model.gguf").path) else { return nil }
            return StoredCheckpoint(state: state, directory: folder)
        }
    }

    public func latestCheckpoint(of id: String) -> StoredCheckpoint? { checkpoints(of: id).last }

    /// Saves `state` with the weights `writeModel` writes to the URL it is given, then drops the oldest beyond `checkpointsKept`.
    @discardableResult
    public func saveCheckpoint(_ state: TrainingCheckpoint, of id: String, writeModel: (URL) throws -> Void) throws -> StoredCheckpoint {
        let root = checkpointsDirectory(of: id)
        let final = root.appendingPathComponent(state.name, isDirectory: true)
        let temporary = root.appendingPathComponent(".\(state.name)-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: temporary, withIntermediateDirectories: true)
        do {
            try writeModel(temporary.appendingPathComponent("model.gguf"))
            try WireFormat.document("checkpoint", state, pretty: true).write(to: temporary.appendingPathComponent("state.json"), options: .atomic)
            try? FileManager.default.removeItem(at: final)
            try FileManager.default.moveItem(at: temporary, to: final)
        } catch {
            try? FileManager.default.removeItem(at: temporary)
            throw error
        }
        for old in checkpoints(of: id).dropLast(Self.checkpointsKept) { try? FileManager.default.removeItem(at: old.directory) }
        return StoredCheckpoint(state: state, directory: final)
    }

    public func requestPause(_ id: String) {
        _ = FileManager.default.createFile(atPath: pauseFile(of: id).path, contents: Data())
    }

    public func isPauseRequested(_ id: String) -> Bool {
        FileManager.default.fileExists(atPath: pauseFile(of: id).path)
    }

    public func clearPauseRequest(_ id: String) {
        try? FileManager.default.removeItem(at: pauseFile(of: id))
    }
}
