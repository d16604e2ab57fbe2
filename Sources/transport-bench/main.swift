// Transport benchmark: sequential GETs of a job JSON from a loopback server through
// CurlTransport, then the same through Python `requests.Session` (scripts/bench_requests.py)
// against the same server. Prints request rates, TCP connections used and RSS before/after.
// Run it with scripts/bench-transport.sh.
import FineTuningHTTP
import FineTuningTestSupport
import Foundation

let arguments = CommandLine.arguments.dropFirst()
let requestCount = arguments.first.flatMap(Int.init) ?? 1000
let pythonScript = arguments.dropFirst().first

let job = #"""
    {"object":"fine_tuning.job","id":"ftjob-abc123","model":"gpt-4o-mini-2024-07-18","created_at":1721764800,
    "finished_at":null,"fine_tuned_model":null,"organization_id":"org-123","result_files":[],"status":"running",
    "validation_file":null,"training_file":"file-abc123","hyperparameters":{"n_epochs":3,"batch_size":1,
    "learning_rate_multiplier":1.8},"trained_tokens":null,"integrations":[],"seed":683058546,"estimated_finish":null,
    "method":{"type":"supervised","supervised":{"hyperparameters":{"n_epochs":3,"batch_size":1,"learning_rate_multiplier":1.8}}},
    "metadata":{"client_token":"3f0e6a52-9b1c-4c41-8f0e-2f4f5a7d9c10"}}
    """#
let server = try TestHTTPServer(recordsRequests: false) { _ in .json(job) }
let url = server.url("/v1/fine_tuning/jobs/ftjob-abc123")

func residentMegabytes() -> Double {
    guard let statm = try? String(contentsOfFile: "/proc/self/statm", encoding: .utf8),
        let pages = statm.split(separator: " ").dropFirst().first.flatMap({ Double($0) })
    else { return 0 }
    return pages * Double(sysconf(Int32(_SC_PAGESIZE))) / 1_048_576
}

func format(_ value: Double) -> String { String(format: "%.1f", value) }

/// The rate of `count` sequential sends of `request`.
func measure(_ transport: CurlTransport, _ request: HTTPRequest, count: Int) async throws -> Double {
    let started = ContinuousClock.now
    for _ in 0..<count {
        let response = try await transport.send(request)
        precondition(response.status == 200 && response.body.count == job.utf8.count)
    }
    let elapsed = ContinuousClock.now - started
    return Double(count) / (Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18)
}

/// The Python requests.Session run: rate, RSS before/after, TCP connections it opened.
func measurePython(script: String) throws -> (rate: Double, rss: String, connections: Int, version: String) {
    let connectionsBefore = server.acceptedConnections
    let python = Process()
    python.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    python.arguments = ["python3", script, url.absoluteString, String(requestCount)]
    let pipe = Pipe()
    python.standardOutput = pipe
    try python.run()
    let output = pipe.fileHandleForReading.readDataToEndOfFile()
    python.waitUntilExit()
    guard python.terminationStatus == 0,
        let result = try JSONSerialization.jsonObject(with: output) as? [String: Any],
        let rate = result["rate"] as? Double, let version = result["requests_version"] as? String,
        let before = result["rss_before_mb"] as? Double, let after = result["rss_after_mb"] as? Double
    else {
        print("python requests benchmark failed: \(String(decoding: output, as: UTF8.self))")
        exit(1)
    }
    return (rate, "\(format(before)) MB -> \(format(after)) MB", server.acceptedConnections - connectionsBefore, version)
}

// Rounds alternate the two clients so a busy machine hurts both alike; the median ratio counts.
let rounds = 3
let transport = CurlTransport()
let request = HTTPRequest(method: .get, url: url, headers: ["Authorization": "Bearer sk-bench"])
_ = try await measure(transport, request, count: 10)  // warm-up: opens the one connection
precondition(server.acceptedConnections == 1)
var ratios: [Double] = []
var swiftConnections = 0
var swiftGrowth = 0.0
for round in 1...rounds {
    let connectionsBefore = server.acceptedConnections
    let rssBefore = residentMegabytes()
    let swiftRate = try await measure(transport, request, count: requestCount)
    let rssAfter = residentMegabytes()
    swiftConnections += server.acceptedConnections - connectionsBefore
    swiftGrowth += rssAfter - rssBefore
    print("round \(round): CurlTransport \(requestCount) GETs = \(Int(swiftRate)) req/s, "
        + "\(server.acceptedConnections - connectionsBefore) new TCP connection(s), RSS \(format(rssBefore)) MB -> \(format(rssAfter)) MB")
    guard let pythonScript else { continue }
    let python = try measurePython(script: pythonScript)
    print("round \(round): requests \(python.version) \(requestCount) GETs = \(Int(python.rate)) req/s, "
        + "\(python.connections) TCP connection(s), RSS \(python.rss)")
    ratios.append(swiftRate / python.rate)
}
print("CurlTransport: \(rounds * requestCount + 10) requests over \(swiftConnections + 1) TCP connection(s) in all "
    + "(warm-up included), RSS growth while sending \(format(swiftGrowth)) MB")
if !ratios.isEmpty {
    print("CurlTransport / requests (median of \(rounds) rounds): \(format(ratios.sorted()[ratios.count / 2]))x")
}
