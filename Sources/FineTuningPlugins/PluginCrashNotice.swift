#if canImport(Glibc)
// On Linux the compiler places `sigaction`'s members in CDispatch (libdispatch's C module, whose
// headers include <signal.h> first), and MemberImportVisibility then needs that module imported.
import CDispatch
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import FineTuning
import Foundation

/// One line naming the plugin, the operation and the signal when a plugin crashes the process that
/// loaded it, instead of a crash dump that names neither. Each plugin call notes on its own thread
/// what is running (`during`); the handlers, installed once by a program that wants them
/// (`installHandlers`, the `finetune` command), print that note for a crash on a thread that has
/// one, then end the process with the signal as before (a parent such as the conformance runner or
/// the gateway still sees the signal). A crash on any other thread goes to the handler that was
/// there before (Swift's backtrace).
public enum PluginCrashNotice {
    /// The signals a crashing plugin raises.
    static let signals: [Int32] = [SIGABRT, SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGTRAP]

    /// The two halves of the line around the signal's name, as C strings made before the call.
    struct Note {
        var before: UnsafeMutablePointer<CChar>
        var after: UnsafeMutablePointer<CChar>
    }

    /// The thread-specific slot holding the running call's `Note`.
    nonisolated(unsafe) private static let key: pthread_key_t = {
        var key = pthread_key_t()
        pthread_key_create(&key, nil)
        return key
    }()
    /// Per signal number: the handler that was installed before, and the signal's name.
    nonisolated(unsafe) private static let previous = UnsafeMutablePointer<sigaction>.allocate(capacity: 65)
    nonisolated(unsafe) private static let names = UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>.allocate(capacity: 65)
    private static let installed: Void = {
        _ = key
        for signal in signals {
            names[Int(signal)] = strdup("signal \(signal) (\(ChildProcess.signalName(signal)))")
            var action = sigaction()
            action.sa_flags = SA_SIGINFO | SA_ONSTACK
            sigemptyset(&action.sa_mask)
            action.__sigaction_handler.sa_sigaction = { signal, information, context in
                PluginCrashNotice.handle(signal, information, context)
            }
            sigaction(signal, &action, previous + Int(signal))
        }
    }()

    /// Installs the handlers (once; later calls do nothing).
    public static func installHandlers() {
        _ = installed
    }

    /// Runs `body` (a blocking call into `plugin`'s code on this thread) with the note that names it.
    static func during<Result>(plugin: String, operation: String, provider: String?, _ body: () throws -> Result) rethrows -> Result {
        let owner = provider.map { " (provider \($0))" } ?? ""
        let note = UnsafeMutablePointer<Note>.allocate(capacity: 1)
        note.initialize(to: Note(
            before: strdup("error: plugin_abi: plugin \(plugin) crashed with "),
            after: strdup(" in \(operation)\(owner); finetune ends with the plugin's signal\n")))
        let outer = pthread_getspecific(key)
        pthread_setspecific(key, note)
        defer {
            pthread_setspecific(key, outer)
            free(note.pointee.before)
            free(note.pointee.after)
            note.deallocate()
        }
        return try body()
    }

    /// The handler: async-signal-safe (only writes, `sigaction` and `raise` on memory made beforehand).
    private static func handle(_ signal: Int32, _ information: UnsafeMutablePointer<siginfo_t>?, _ context: UnsafeMutableRawPointer?) {
        guard let note = pthread_getspecific(key)?.assumingMemoryBound(to: Note.self) else {
            let before = previous[Int(signal)]
            if before.sa_flags & SA_SIGINFO != 0, let handler = before.__sigaction_handler.sa_sigaction {
                handler(signal, information, context)
                return
            }
            var restored = before
            sigaction(signal, &restored, nil)
            raise(signal)
            return
        }
        // Three writes, no array: the handler must not allocate (the crash may be inside malloc).
        writeToStandardError(note.pointee.before)
        writeToStandardError(names[Int(signal)])
        writeToStandardError(note.pointee.after)
        var standard = sigaction()
        standard.__sigaction_handler.sa_handler = SIG_DFL
        sigaction(signal, &standard, nil)
        raise(signal)
    }

    private static func writeToStandardError(_ text: UnsafeMutablePointer<CChar>?) {
        if let text { _ = write(STDERR_FILENO, text, strlen(text)) }
    }
}
