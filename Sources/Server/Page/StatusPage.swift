import Crypto
import Foundation
import Hummingbird
import Store

/// `GET /`: the status page, rendered on the server.
///
/// Every stack with its status badge, drift badge, relative times and durations, a filter
/// by status (`?status=failed`), and its history in a `<details>` element. A small inline
/// script polls `/api/v1/stacks` every five seconds and reloads the page when a stack
/// changed (keeping open histories open), and keeps the relative times current; without
/// JavaScript a `<meta refresh>` does the same more bluntly. Every dynamic string is
/// HTML-escaped, and a Content-Security-Policy allows only this page's own script and style.
struct StatusPageRoute: Sendable {
    let state: ServerState

    static let historyRows = 20
    /// Stacks per page: the page reads this many stacks and their histories, whatever the total.
    static let pageSize = 50

    @Sendable func render(_ request: Request, _ context: BasicRequestContext) async throws -> Response {
        let query = try QueryParameters(request, allowed: ["status", "offset"])
        let statuses = StackStatus.allCases.map(\.rawValue)
        let filter = try query.choice("status", in: statuses)
        let offset = try query.int("offset", in: 0...1_000_000) ?? 0
        let counts = try await state.store.stackCounts()
        let page = try await StackSummaries(store: state.store, live: state.live)
            .page(statuses: filter.map { [$0] }, limit: Self.pageSize, offset: offset)
        var histories: [String: [APIModels.HistoryItem]] = [:]
        for stack in page.stacks {
            histories[stack.id] = try await StackHistory(store: state.store)
                .items(stackId: stack.id, kind: nil, statuses: nil, sort: "newest", scanLimit: Self.historyRows)
        }
        let html = StatusPage(stacks: page.stacks, matching: page.total, counts: counts, histories: histories, filter: filter,
                              offset: offset, pageSize: Self.pageSize, now: Date(), connections: await state.backend.awsConnections()).html()
        return Response(
            status: .ok,
            headers: [
                .contentType: "text/html; charset=utf-8",
                .cacheControl: "no-store",
                .contentSecurityPolicy: StatusPage.contentSecurityPolicy,
                .init("X-Content-Type-Options")!: "nosniff",
                .init("Referrer-Policy")!: "no-referrer",
            ],
            body: .init(byteBuffer: ByteBuffer(string: html))
        )
    }
}

/// The page's HTML, a pure function of one page of stacks, the counts and the time, so it is
/// easy to test.
struct StatusPage {
    /// The stacks on this page (already filtered), ordered by id.
    let stacks: [APIModels.Stack]
    /// How many stacks match the filter, on all pages.
    let matching: Int
    /// Counts over every stack, for the summary line and the filters.
    let counts: StackCounts
    let histories: [String: [APIModels.HistoryItem]]
    let filter: String?
    let offset: Int
    let pageSize: Int
    let now: Date
    /// The configured deployer roles and whether they can be assumed.
    var connections: [AWSConnectionStatus] = []

    /// What the script compares to notice a change: ids, statuses, update times and drift.
    static func signature(_ stacks: [APIModels.Stack]) -> String {
        // Whether a progress bar shows is part of it: one appearing or going reloads the page.
        stacks.map { "\($0.id)|\($0.status)|\(HTML.timestamp($0.updatedAt))|\($0.drift?.status ?? "")|\($0.progress == nil ? "" : "p")" }.joined(separator: "\n")
    }

    /// The API request returning exactly this page's stacks, which the script polls.
    var pollURL: String {
        "/api/v1/stacks?limit=\(pageSize)&offset=\(offset)" + (filter.map { "&status=\($0)" } ?? "")
    }

    func html() -> String {
        var out = """
        <!doctype html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>EZBuilt status</title>
        <style>\(Self.style)</style>
        <noscript><meta http-equiv="refresh" content="30"></noscript>
        </head>
        <body data-signature="\(HTML.escape(Self.signature(stacks)))" data-poll="\(HTML.escape(pollURL))">
        <header>
        <h1>EZBuilt</h1>
        <p class="summary">\(summary())</p>
        <nav class="filters" aria-label="Filter by status">\(filters())</nav>
        \(connectionList())</header>
        <main>

        """
        if stacks.isEmpty {
            out += filter == nil
                ? (matching == 0 ? "<p class=\"empty\">No stacks yet: the daemon has not found a requirements.md.</p>\n"
                                 : "<p class=\"empty\">No stacks on this page.</p>\n")
                : "<p class=\"empty\">No stack is \(HTML.escape(filter ?? "")).</p>\n"
        }
        for stack in stacks { out += section(stack) }
        out += pager()
        out += """
        </main>
        <footer>Rendered <time datetime="\(HTML.timestamp(now))">\(HTML.relativeTime(now, now: now))</time> · <a href="/api/v1/openapi.json">API</a> · <a href="/metrics">metrics</a></footer>
        <script>\(Self.script)</script>
        </body>
        </html>

        """
        return out
    }

    private func summary() -> String {
        let failing = StackStatus.allCases.filter { Self.tone($0.rawValue) == "bad" }.reduce(0) { $0 + counts.count($1) }
        let total = counts.total
        return "\(total) stack\(total == 1 ? "" : "s") · \(counts.count(.deployed)) deployed · \(failing) failing · \(counts.drifted) drifted"
    }

    /// One line per configured deployer role: connected (to which account), pending, or failed and why.
    private func connectionList() -> String {
        guard !connections.isEmpty else { return "" }
        let items = connections.map { connection -> String in
            let badge: String
            switch connection.state {
            case .connected: badge = "<span class=\"badge good\">connected</span>"
            case .pending: badge = "<span class=\"badge busy\">pending</span>"
            case .failed: badge = "<span class=\"badge bad\">failed</span>"
            }
            var line = "<li data-role=\"\(HTML.escape(connection.roleArn))\">\(badge) <code>\(HTML.escape(connection.roleArn))</code> in \(HTML.escape(connection.region))"
            line += " for \(HTML.escape(connection.repository))" + (connection.stacks == "*" ? "" : " stacks <code>\(HTML.escape(connection.stacks))</code>")
            if let account = connection.account { line += " · account \(HTML.escape(account))" }
            if let checked = connection.checkedAt { line += " · checked \(time(checked))" }
            if let reason = connection.reason { line += "<div class=\"detail\">\(HTML.escape(reason))</div>" }
            return line + "</li>"
        }
        return "<section class=\"connections\" aria-label=\"AWS connections\"><h2>AWS</h2><ul>\(items.joined())</ul></section>\n"
    }

    private func filters() -> String {
        var links = ["<a href=\"/\"\(filter == nil ? " aria-current=\"page\"" : "")>all (\(counts.total))</a>"]
        for status in StackStatus.allCases where counts.count(status) > 0 || status.rawValue == filter {
            let current = status.rawValue == filter ? " aria-current=\"page\"" : ""
            links.append("<a href=\"/?status=\(HTML.escape(status.rawValue))\"\(current)>\(HTML.escape(status.rawValue)) (\(counts.count(status)))</a>")
        }
        return links.joined(separator: " ")
    }

    /// "Stacks 51–100 of 3000" with links to the previous and next pages (same filter).
    private func pager() -> String {
        guard matching > pageSize || offset > 0 else { return "" }
        func link(_ offset: Int) -> String {
            var query = filter.map { ["status=\(HTML.escape($0))"] } ?? []
            if offset > 0 { query.append("offset=\(offset)") }
            return query.isEmpty ? "/" : "/?" + query.joined(separator: "&amp;")
        }
        let first = min(offset + 1, matching)
        let last = min(offset + stacks.count, matching)
        var parts = ["<span>Stacks \(first)–\(last) of \(matching)</span>"]
        if offset > 0 { parts.insert("<a rel=\"prev\" href=\"\(link(max(0, offset - pageSize)))\">← previous</a>", at: 0) }
        if offset + pageSize < matching { parts.append("<a rel=\"next\" href=\"\(link(offset + pageSize))\">next →</a>") }
        return "<nav class=\"pager\" aria-label=\"Pages\">\(parts.joined(separator: " "))</nav>\n"
    }

    private func section(_ stack: APIModels.Stack) -> String {
        let id = HTML.escape(stack.id)
        var meta = ["updated \(time(stack.updatedAt))"]
        if let commit = stack.deployedCommit { meta.append("deployed <code>\(HTML.escape(String(commit.prefix(12))))</code>") }
        if let deployment = stack.lastDeployment {
            var text = "last deployment \(HTML.escape(deployment.status))"
            if let at = deployment.finishedAt ?? deployment.startedAt { text += " \(time(at))" }
            if let ms = deployment.durationMs { text += ", took \(HTML.duration(milliseconds: ms))" }
            meta.append(text)
        }
        if let drift = stack.drift {
            meta.append("drift checked \(time(drift.checkedAt))")
        }
        if let proposal = stack.lastProposal {
            meta.append("last proposal \(HTML.escape(proposal.status)) on <code>\(HTML.escape(proposal.branch))</code> \(time(proposal.createdAt))")
        }
        var out = """
        <section class="stack" data-stack="\(id)" data-status="\(HTML.escape(stack.status))">
        <div class="head"><h2>\(id)</h2> \(statusBadge(stack.status))\(driftBadge(stack.drift))</div>
        <p class="meta">\(meta.joined(separator: " · "))</p>

        """
        if let detail = stack.statusDetail, !detail.isEmpty {
            out += "<p class=\"detail\">\(HTML.escape(detail))</p>\n"
        }
        out += progressBar(stack)
        let history = histories[stack.id] ?? []
        out += "<details data-stack=\"\(id)\"><summary>History (\(history.count)\(history.count == StatusPageRoute.historyRows ? "+" : ""))</summary>\n"
        if history.isEmpty {
            out += "<p class=\"empty\">Nothing proposed or deployed yet.</p>\n"
        } else {
            out += "<div class=\"scroll\"><table><thead><tr><th>When</th><th>What</th><th>Status</th><th>Duration</th><th>Commit</th></tr></thead><tbody>\n"
            for (index, item) in history.enumerated() {
                var what = item.kind == "proposal"
                    ? "proposal on <code>\(HTML.escape(item.proposal?.branch ?? ""))</code>"
                    : HTML.escape(item.deployment?.action == "destroy" ? "destroy" : "deployment")
                // Each deployment compares with the one before it, side by side.
                if let to = item.deployment?.id,
                   let from = history[(index + 1)...].first(where: { $0.kind == "deployment" })?.deployment?.id {
                    let query = "stack=\(stack.id.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")&from=\(from)&to=\(to)"
                    what += " · <a href=\"/compare?\(HTML.escape(query))\">compare</a>"
                }
                let duration = item.durationMs.map { HTML.duration(milliseconds: $0) } ?? "—"
                out += "<tr><td>\(time(item.at))</td><td>\(what)</td><td>\(statusBadge(item.status))</td><td>\(duration)</td><td><code>\(HTML.escape(String(item.commit.prefix(12))))</code></td></tr>\n"
            }
            out += "</tbody></table></div>\n"
        }
        out += "</details>\n</section>\n"
        return out
    }

    /// The progress bar of a running plan or apply ("applying 3 of 10 · aws_s3_bucket.logs");
    /// the script keeps it current between reloads.
    private func progressBar(_ stack: APIModels.Stack) -> String {
        guard let progress = stack.progress else { return "" }
        let bar = progress.total.map { "<progress value=\"\(min(progress.done, $0))\" max=\"\(max($0, 1))\"></progress>" } ?? "<progress></progress>"
        return "<div class=\"progress\" data-progress=\"\(HTML.escape(stack.id))\">\(bar) <span>\(HTML.escape(Self.progressText(progress)))</span></div>\n"
    }

    /// "applying 3 of 10 · aws_s3_bucket.logs" (the script writes the same words).
    static func progressText(_ progress: RunProgressRecord) -> String {
        let verb = switch progress.phase {
        case "refresh": "refreshing"
        case "plan": "planning"
        default: "applying"
        }
        var text = "\(verb) \(progress.done)" + (progress.total.map { " of \($0)" } ?? "")
        if let current = progress.current { text += " · \(current)" }
        return text
    }

    private func time(_ date: Date) -> String {
        "<time datetime=\"\(HTML.timestamp(date))\" title=\"\(HTML.timestamp(date))\">\(HTML.relativeTime(date, now: now))</time>"
    }

    private func statusBadge(_ status: String) -> String {
        "<span class=\"badge \(Self.tone(status))\">\(HTML.escape(status))</span>"
    }

    private func driftBadge(_ drift: APIModels.DriftCheck?) -> String {
        guard let drift else { return "" }
        switch drift.status {
        case "clean": return " <span class=\"badge good drift\">no drift</span>"
        case "drifted": return " <span class=\"badge bad drift\">drifted (\(drift.resources.count))</span>"
        default: return " <span class=\"badge warn drift\">drift check \(HTML.escape(drift.status))</span>"
        }
    }

    /// The badge colour of a stack, proposal or deployment status.
    static func tone(_ status: String) -> String {
        switch status {
        case "deployed", "succeeded", "proposed", "clean", "destroyed": "good"
        case "failed", "refused", "blocked", "stale", "destroyFailed", "drifted": "bad"
        case "proposing", "deploying", "destroying", "running", "queued": "busy"
        case "interrupted", "destroyPending", "superseded", "unreviewed", "needsApproval": "warn"
        default: "idle"
        }
    }

    static let style = """
    :root{color-scheme:light dark;--fg:#1b1f24;--muted:#57606a;--bg:#fff;--card:#f6f8fa;--line:#d0d7de}
    @media (prefers-color-scheme:dark){:root{--fg:#e6edf3;--muted:#8d96a0;--bg:#0d1117;--card:#161b22;--line:#30363d}}
    *{box-sizing:border-box}body{margin:0 auto;max-width:60rem;padding:1rem;font:16px/1.45 system-ui,sans-serif;color:var(--fg);background:var(--bg)}
    h1{margin:0 0 .25rem;font-size:1.5rem}h2{margin:0;font-size:1rem;word-break:break-all}
    .summary,.meta,footer{color:var(--muted);font-size:.9rem}
    .filters{display:flex;flex-wrap:wrap;gap:.4rem;margin:.5rem 0 1rem}
    .filters a{padding:.2rem .6rem;border:1px solid var(--line);border-radius:1rem;text-decoration:none;color:inherit;font-size:.85rem}
    .filters a[aria-current]{background:var(--fg);color:var(--bg)}
    .stack{background:var(--card);border:1px solid var(--line);border-radius:.5rem;padding:.75rem;margin:0 0 .75rem}
    .head{display:flex;flex-wrap:wrap;align-items:center;gap:.4rem}
    .badge{display:inline-block;padding:.05rem .5rem;border-radius:1rem;font-size:.8rem;font-weight:600;color:#fff;background:#6e7781}
    .good{background:#1a7f37}.bad{background:#cf222e}.busy{background:#9a6700}.warn{background:#bc4c00}.idle{background:#6e7781}
    .detail{margin:.25rem 0;font-size:.9rem;overflow-wrap:anywhere}
    details summary{cursor:pointer;font-size:.9rem}.scroll{overflow-x:auto}
    table{border-collapse:collapse;width:100%;font-size:.85rem;margin-top:.4rem}
    th,td{text-align:left;padding:.25rem .4rem;border-bottom:1px solid var(--line);white-space:nowrap}
    .progress{display:flex;align-items:center;gap:.5rem;font-size:.85rem;overflow-wrap:anywhere}.progress progress{flex:0 0 12rem}
    code{font-size:.85em}.empty{color:var(--muted)}.pager{display:flex;gap:1rem;justify-content:center;font-size:.9rem}
    @media (max-width:40rem){body{padding:.5rem}th:nth-child(5),td:nth-child(5){display:none}}
    """

    static let script = """
    (function(){
    var key="ezbuilt-open";
    var open=JSON.parse(sessionStorage.getItem(key)||"[]");
    document.querySelectorAll("details[data-stack]").forEach(function(d){
    if(open.indexOf(d.getAttribute("data-stack"))>=0)d.open=true;});
    function remember(){var ids=[];document.querySelectorAll("details[data-stack]").forEach(function(d){
    if(d.open)ids.push(d.getAttribute("data-stack"));});sessionStorage.setItem(key,JSON.stringify(ids));}
    function ago(s){var a=Math.abs(s),u;if(a<5)return "just now";
    if(a<60)u=[a,"second"];else if(a<3600)u=[Math.floor(a/60),"minute"];else if(a<86400)u=[Math.floor(a/3600),"hour"];
    else if(a<2592000)u=[Math.floor(a/86400),"day"];else if(a<31536000)u=[Math.floor(a/2592000),"month"];else u=[Math.floor(a/31536000),"year"];
    var p=u[0]+" "+u[1]+(u[0]==1?"":"s");return s>=0?p+" ago":"in "+p;}
    function tick(){var now=Date.now();document.querySelectorAll("time[datetime]").forEach(function(t){
    t.textContent=ago(Math.round((now-Date.parse(t.getAttribute("datetime")))/1000));});}
    function poll(){fetch(document.body.getAttribute("data-poll")||"/api/v1/stacks",{headers:{"Accept":"application/json"}}).then(function(r){return r.ok?r.json():null;}).then(function(d){
    if(!d)return;var s=d.stacks.map(function(x){return x.id+"|"+x.status+"|"+x.updatedAt+"|"+(x.drift?x.drift.status:"")+"|"+(x.progress?"p":"");}).join("\\n");
    d.stacks.forEach(function(x){var e=document.querySelector("[data-progress='"+CSS.escape(x.id)+"']");var p=x.progress;
    if(!e||!p)return;var b=e.querySelector("progress");if(p.total!=null){b.max=Math.max(p.total,1);b.value=Math.min(p.done,p.total);}
    e.querySelector("span").textContent=({refresh:"refreshing",plan:"planning"}[p.phase]||"applying")+" "+p.done+(p.total!=null?" of "+p.total:"")+(p.current?" \\u00b7 "+p.current:"");});
    if(s!==document.body.getAttribute("data-signature")){remember();location.reload();}}).catch(function(){});}
    setInterval(poll,5000);setInterval(tick,15000);
    })();
    """

    /// Only this page's own inline script and style may run; fetches go to this origin.
    static let contentSecurityPolicy: String = {
        func hash(_ text: String) -> String { "'sha256-\(Data(SHA256.hash(data: Data(text.utf8))).base64EncodedString())'" }
        return "default-src 'none'; script-src \(hash(script)); style-src \(hash(style)); connect-src 'self'; img-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
    }()
}
