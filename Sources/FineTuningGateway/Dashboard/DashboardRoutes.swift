import FineTuning
import FineTuningEval
import Foundation
import Hummingbird

/// The page at `/`: the key's jobs with status and progress, and per job its training and
/// validation loss as an SVG chart from its events. Server-rendered HTML, no JavaScript. A browser
/// signs in once with `/?key=KEY`, which sets an HttpOnly cookie and redirects to `/` (so the key
/// leaves the address bar); API clients may send `Authorization: Bearer KEY` instead.
struct DashboardRoutes: Sendable {
    static let cookie = "finetune_key"
    let store: GatewayStore

    func register(on router: Router<GatewayRequestContext>) {
        router.get("/", use: page)
    }

    @Sendable func page(_ request: Request, context: GatewayRequestContext) async throws -> Response {
        if let key = request.uri.queryParameters.get("key") {
            guard !key.isEmpty, key.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") }) else {
                return html(status: .badRequest, title: "finetune", body: "<p>That is not an API key.</p>")
            }
            return Response(
                status: .seeOther,
                headers: [.location: "/", .setCookie: "\(Self.cookie)=\(key); HttpOnly; SameSite=Strict; Path=/"])
        }
        let key = request.headers[.authorization].flatMap { $0.hasPrefix("Bearer ") ? String($0.dropFirst(7)) : nil }
            ?? request.cookies[Self.cookie]?.value
        guard let key, let principal = try await store.principal(forKey: key) else {
            return html(status: .unauthorized, title: "finetune", body: """
                <p>Open <code>/?key=YOUR_KEY</code> once to sign in (keys come from <code>finetune keys create NAME</code>).</p>
                """)
        }
        let jobs = try await store.jobs(visibleTo: principal, after: nil, limit: 50, metadata: [:]).jobs.map(\.job)
        var rows = ""
        var charts = ""
        for job in jobs {
            let status = OpenAIObjects.status(job.status)
            let progress = job.snapshot?.progress?.fraction.map { String(format: "%.0f%%", $0 * 100) } ?? (job.status.isTerminal ? "" : "…")
            rows += """
                <tr><td><a href="#\(HTMLText.escape(job.id))">\(HTMLText.escape(job.id))</a></td><td>\(HTMLText.escape(job.model))</td>\
                <td class="status status-\(status)">\(status)</td><td>\(progress)</td><td>\(HTMLText.escape(job.fineTunedModel ?? ""))</td></tr>\n
                """
            let curve = LossCurve(job: job.id, events: try await store.metricEvents(ofJob: job.id).map(\.event))
            charts += "<section class=\"job\" id=\"\(HTMLText.escape(job.id))\"><h2>\(HTMLText.escape(job.id)) · \(status)</h2>"
            charts += curve.map(LossCurveChart.svg) ?? "<p>No loss reported yet.</p>"
            charts += "</section>\n"
        }
        return html(status: .ok, title: "finetune · \(HTMLText.escape(principal.name))", body: """
            <h1>Fine-tuning jobs of \(HTMLText.escape(principal.name))</h1>
            <table class="jobs"><thead><tr><th>job</th><th>model</th><th>status</th><th>progress</th><th>tuned model</th></tr></thead>
            <tbody>
            \(rows.isEmpty ? "<tr><td colspan=\"5\">No jobs yet.</td></tr>" : rows)</tbody></table>
            <p class="legend">Charts: training loss in blue, validation loss in orange, by step.</p>
            \(charts)
            """)
    }

    private func html(status: HTTPResponse.Status, title: String, body: String) -> Response {
        let document = """
            <!doctype html>
            <html lang="en"><head><meta charset="utf-8"><title>\(title)</title>
            <style>
            body { font-family: sans-serif; margin: 2em; color: #222; }
            table.jobs { border-collapse: collapse; } td, th { border: 1px solid #ccc; padding: 4px 8px; text-align: left; }
            .status-succeeded { color: #137333; } .status-failed { color: #b3261e; } .status-running { color: #6a1b9a; }
            .train-loss { stroke: #0b57d0; stroke-width: 2; } .valid-loss { stroke: #e37400; stroke-width: 2; }
            </style></head>
            <body>
            \(body)
            </body></html>
            """
        return Response(status: status, headers: [.contentType: "text/html; charset=utf-8"], body: ResponseBody(byteBuffer: ByteBuffer(string: document)))
    }
}
