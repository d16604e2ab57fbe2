/// How the runner delivers a provider's recorded exchanges to it. Both modes match requests with
/// the same `HARReplayTransport`, so a scenario passes or fails for the same reasons in each.
public enum ConformanceMode: String, Sendable, Hashable, CaseIterable {
    /// In process: the HAR replay answers the adapter's requests itself; no socket, no libcurl.
    case replay
    /// Over real HTTP: a server on 127.0.0.1 answers from the same HAR file, and the adapter
    /// reaches it through libcurl, its base URLs pointed there by the environment variables that
    /// `target.json` lists under `loopback`.
    case live
}
