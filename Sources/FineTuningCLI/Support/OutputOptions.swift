import ArgumentParser
import FineTuning
import Foundation

/// `--json`: print the versioned wire form instead of text.
struct OutputOptions: ParsableArguments {
    @Flag(name: .long, help: "Print JSON (the versioned wire form) instead of text.")
    var json = false

    /// Prints `value` as a versioned document under `key`.
    func printDocument<Value: Encodable>(_ key: String, _ value: Value) throws {
        let data = try WireFormat.document(key, value, pretty: true)
        FileHandle.standardOutput.write(Data(KnownSecrets.shared.scrub(String(decoding: data, as: UTF8.self)).utf8))
        FileHandle.standardOutput.write(Data("\n".utf8))
    }

    /// Runs a command body, turning a `FineTuningError` into its message on stderr (and an error
    /// document on stdout with `--json`) and the documented exit code.
    func run(_ body: () async throws -> Void) async throws {
        do {
            try await body()
        } catch let error as FineTuningError {
            try fail(error)
        } catch is CancellationError {
            try fail(FineTuningError(.cancelled, "interrupted"))
        } catch let error as DecodingError {
            try fail(FineTuningError(.transport, "could not read a response: \(error)"))
        } catch let error as NSError where error.domain == NSCocoaErrorDomain || error.domain == NSPOSIXErrorDomain {
            // A file-system failure no layer below mapped: never a raw Cocoa error with exit 1.
            let path = error.userInfo[NSFilePathErrorKey] as? String ?? (error.userInfo[NSURLErrorKey] as? URL)?.path ?? "a file"
            try fail(FineTuningError.fileSystem(error, path: path, action: "access"))
        }
    }

    private func fail(_ error: FineTuningError) throws -> Never {
        let error = error.redacted()
        if json { try? printDocument("error", error) }
        Terminal.error("error: \(error)")
        throw ExitCode(ExitCodes.code(for: error.code))
    }
}

/// Writing to the terminal. Known secrets are scrubbed, and control characters other than line breaks
/// are escaped, so text from data files or providers cannot repaint the terminal.
enum Terminal {
    static func line(_ text: String) {
        FileHandle.standardOutput.write(Data((printable(text) + "\n").utf8))
    }

    static func error(_ text: String) {
        FileHandle.standardError.write(Data((printable(text) + "\n").utf8))
    }

    /// `text` without secrets and with control characters other than line breaks escaped.
    static func printable(_ text: String) -> String {
        KnownSecrets.shared.scrub(text).escapingControlCharacters(keeping: ["\n"])
    }

    /// True when stderr is a terminal (live progress redraws one line there).
    static var isInteractive: Bool { isatty(STDERR_FILENO) == 1 }
}
