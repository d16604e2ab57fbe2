import FineTuningPlugins

/// What the `finetune` executable sets up before it parses its command line.
public enum ProcessSetUp {
    /// The library's log lines to the terminal (`TerminalLogHandler`), and one error line naming the
    /// plugin and the operation, instead of a crash dump, when a plugin crashes the process (`PluginCrashNotice`).
    public static func run() {
        TerminalLogHandler.bootstrap()
        PluginCrashNotice.installHandlers()
    }
}
