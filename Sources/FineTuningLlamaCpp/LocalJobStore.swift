public import FineTuning
public import Foundation

/// The local backend's jobs on disk, one directory per job:
/// `job.json` (the job in wire form, replaced atomically), `spec.json` (what the worker runs),
/// `events.jsonl` (one event per line, appended), `worker.pid`, `worker.log`, `cancel-requested`,
/// and the artifacts `model.gguf` and `adapter-r<rank>.gguf`.
///
/// While a worker runs, only the worker writes `job.json`; readers repair a job only once its worker
/// is gone.
public struct LocalJobStore: Sendable {
    public let root: URL

    public init(root: URL) {
        self.root = root
    }

    /// `$FINETUNE_HOME/jobs`, or `~/.finetune/jobs`.
    public static func defaultRoot(environment: [String: String]) -> URL {
        if let home = environment["FINETUNE_HOME"], !home.isEmpty {
            return URL(fileURLWithPath: home).appendingPathComponent("jobs")
        }
        return FileManager.default.homeDirectoryForCurrentUser.appendingPathComponent(".finetune/jobs")
    }

    public func directory(of id: String) -> URL { root.appendingPathComponent(id, isDirectory: true) }
    public func jobFile(of id: String) -> URL { directory(of: id).appendingPathComponent("job.json") }
    public func specFile(of id: String) -> URL { directory(of: id).appendingPathComponent("spec.json") }
    public func eventsFile(of id: String) -> URL { directory(of: id).appendingPathComponent("events.jsonl") }
    public func pidFile(of id: String) -> URL { directory(of: id).appendingPathComponent("worker.pid") }
    public func logFile(of id: String) -> URL { directory(of: id).appendingPathComponent("worker.log") }
    public func cancelFile(of id: String) -> URL { directory(of: id).appendingPathComponent("cancel-requested") }
    public func modelFile(of id: String) -> URL { directory(of: id).appendingPathComponent("model.gguf") }
    public func adapterFile(of id: String, rank: Int) -> URL { directory(of: id).appendingPathComponent("adapter-r\(rank).gguf") }

    /// Whether `id` has the grammar of the ids `newJobID` makes, `ft-YYYYMMDD-HHMMSS-xxxxxx` (digits, lower
    /// hex): so no id can name a place outside the store (`../x`, `/etc`, a hidden file, ...).
    public static func isValidJobID(_ id: String) -> Bool {
        let bytes = Array(id.utf8)
        let isDigit = { (byte: UInt8) in (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) }
        let isHex = { (byte: UInt8) in isDigit(byte) || (UInt8(ascii: "a")...UInt8(ascii: "f")).contains(byte) }
        return bytes.count == 25 && bytes.starts(with: Array("ft-".utf8)) && bytes[11] == UInt8(ascii: "-") && bytes[18] == UInt8(ascii: "-")
            && bytes[3..<11].allSatisfy(isDigit) && bytes[12..<18].allSatisfy(isDigit) && bytes[19...].allSatisfy(isHex)
    }

    /// Throws `not_found` naming the parameter unless `id` has the store's id grammar; every operation on
    /// an id from outside checks it before a path is built from it.
    public func checkJobID(_ id: String) throws {
        guard Self.isValidJobID(id) else {
            throw FineTuningError(
                .notFound, "'\(id.escapingControlCharacters())' is not a llamacpp job id (expected ft-YYYYMMDD-HHMMSS-xxxxxx)",
                provider: "llamacpp", parameter: "job_id")
        }
    }

    /// A new, sortable job id: `ft-YYYYMMDD-HHMMSS-xxxxxx`.
    public static func newJobID(now: Date = Date()) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(secondsFromGMT: 0)!
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: now)
        let stamp = String(format: "%04d%02d%02d-%02d%02d%02d", c.year!, c.month!, c.day!, c.hour!, c.minute!, c.second!)
        return "ft-\(stamp)-" + String(format: "%06x", UInt32.random(in: 0..<(1 << 24)))
    }

    /// Creates the job's directory and stores its spec and first state.
    public func create(_ job: FineTuningJob, spec: TrainingSpec) throws {
        try checkJobID(job.id.native)
        let directory = directory(of: job.id.native)
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        } catch {
            throw FineTuningError.fileSystem(error, path: directory.path, action: "create the job directory (set FINETUNE_HOME to a writable place)")
        }
        try write(WireFormat.document("spec", spec, pretty: true), to: specFile(of: job.id.native))
        try save(job)
    }

    /// Replaces the stored job atomically.
    public func save(_ job: FineTuningJob) throws {
        try checkJobID(job.id.native)
        try write(WireFormat.document("job", job, pretty: true), to: jobFile(of: job.id.native))
    }

    private func write(_ data: Data, to file: URL) throws {
        do {
            try data.write(to: file, options: .atomic)
        } catch {
            throw FineTuningError.fileSystem(error, path: file.path, action: "write")
        }
    }

    /// The stored job `id`; `not_found` for an id outside the store's grammar or a record that names
    /// another job.
    public func job(_ id: String) throws -> FineTuningJob {
        try checkJobID(id)
        guard let data = FileManager.default.contents(atPath: jobFile(of: id).path) else {
            throw FineTuningError(.notFound, "no llamacpp job '\(id)' in \(root.path)", provider: "llamacpp", parameter: "job_id")
        }
        let job = try WireFormat.value(FineTuningJob.self, at: "job", in: data)
        guard job.id.native == id else {
            throw FineTuningError(
                .notFound, "\(jobFile(of: id).path) holds job '\(job.id.native.escapingControlCharacters())', not '\(id)'",
                provider: "llamacpp", parameter: "job_id")
        }
        return job
    }

    public func spec(_ id: String) throws -> TrainingSpec {
        try checkJobID(id)
        guard let data = FileManager.default.contents(atPath: specFile(of: id).path) else {
            throw FineTuningError(.notFound, "llamacpp job '\(id)' has no spec.json in \(root.path)", provider: "llamacpp", parameter: "job_id")
        }
        return try WireFormat.value(TrainingSpec.self, at: "spec", in: data)
    }

    /// Every job id, newest first.
    public func jobIDs() -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: root.path)) ?? []
        return names.filter { Self.isValidJobID($0) && FileManager.default.fileExists(atPath: jobFile(of: $0).path) }.sorted(by: >)
    }

    /// Appends one event as a line of `events.jsonl`.
    public func append(_ event: JobEvent, to id: String) throws {
        try eventWriter(for: id).append(event)
    }

    /// A writer that keeps `events.jsonl` open, for the worker's event per training window.
    public func eventWriter(for id: String) throws -> EventWriter {
        try checkJobID(id)
        let file = eventsFile(of: id)
        do {
            return try EventWriter(url: file)
        } catch {
            throw FineTuningError.fileSystem(error, path: file.path, action: "append to")
        }
    }

    /// The job's events in the order they happened; a half-written last line is skipped.
    public func events(of id: String) -> [JobEvent] {
        guard let data = FileManager.default.contents(atPath: eventsFile(of: id).path) else { return [] }
        let decoder = WireFormat.decoder()
        return data.split(separator: UInt8(ascii: "\n")).compactMap { try? decoder.decode(JobEvent.self, from: Data($0)) }
    }

    public func requestCancel(_ id: String) throws {
        try checkJobID(id)
        let file = cancelFile(of: id)
        guard FileManager.default.createFile(atPath: file.path, contents: Data()) else {
            throw FineTuningError.fileSystem(errno: errno, path: file.path, action: "request the cancellation by creating")
        }
    }

    public func isCancelRequested(_ id: String) -> Bool {
        FileManager.default.fileExists(atPath: cancelFile(of: id).path)
    }

    public func workerPID(of id: String) -> Int32? {
        guard let data = FileManager.default.contents(atPath: pidFile(of: id).path) else { return nil }
        return Int32(String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines))
    }

    /// The last non-empty lines of the worker's log, for failure messages.
    public func logTail(of id: String, lines: Int = 3) -> String {
        guard let data = FileManager.default.contents(atPath: logFile(of: id).path) else { return "" }
        return String(decoding: data, as: UTF8.self).split(separator: "\n").suffix(lines).joined(separator: "\n")
    }
}

/// Appends events to a job's `events.jsonl`, one JSON line per event, through one open file.
public final class EventWriter {
    private let handle: FileHandle
    private let encoder = WireFormat.encoder()

    init(url: URL) throws {
        if !FileManager.default.fileExists(atPath: url.path) {
            _ = FileManager.default.createFile(atPath: url.path, contents: nil)
        }
        handle = try FileHandle(forWritingTo: url)
        try handle.seekToEnd()
    }

    deinit { try? handle.close() }

    public func append(_ event: JobEvent) throws {
        var line = try encoder.encode(event)
        line.append(UInt8(ascii: "\n"))
        try handle.write(contentsOf: line)
    }
}
