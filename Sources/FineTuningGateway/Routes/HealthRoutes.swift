import FineTuning
import Hummingbird
import Prometheus

/// `/healthz` (the store answers) and `/metrics` (Prometheus' text format: requests and latency
/// from swift-metrics, jobs by status read from the store at scrape time, poller lag).
struct HealthRoutes: Sendable {
    let store: GatewayStore
    let registry: PrometheusCollectorRegistry

    func register(on router: Router<GatewayRequestContext>) {
        router.get("healthz", use: health)
        router.get("metrics", use: metrics)
    }

    /// `finetune_gateway_jobs{status=...}`, without a HELP line (as the exposition has always been).
    static var jobs: MetricNameDescriptor {
        MetricNameDescriptor(namespace: "finetune", subsystem: "gateway", metricName: "jobs", unitName: "", helpText: "")
    }

    @Sendable func health(_ request: Request, context: GatewayRequestContext) async throws -> Response {
        _ = try await store.jobCountsByStatus()
        return JSONResponse.make(["status": "ok"])
    }

    @Sendable func metrics(_ request: Request, context: GatewayRequestContext) async throws -> Response {
        let counts = try await store.jobCountsByStatus()
        for status in ["staging"] + JobStatus.known.map(\.name) {
            registry.makeGauge(descriptor: Self.jobs, labels: [("status", status)]).set(Int64(counts[status] ?? 0))
        }
        return Response(
            status: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: registry.emitToBuffer())))
    }
}
