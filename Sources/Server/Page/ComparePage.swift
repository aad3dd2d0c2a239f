import Crypto
import Foundation
import Hummingbird
import Store

/// `GET /compare?stack=ID&from=A&to=B`: two deployments of a stack side by side, rendered
/// on the server: the resources added, removed or changed, then each changed file (the
/// requirements first) as two columns, the old version on the left and the new on the right,
/// the changed lines with three lines of context.
struct ComparePageRoute: Sendable {
    let state: ServerState

    @Sendable func render(_ request: Request, _ context: BasicRequestContext) async throws -> Response {
        let query = try QueryParameters(request, allowed: ["stack", "from", "to"])
        guard let stackID = try query.string("stack") else { throw APIError.badParameter("stack", "is required: a stack id") }
        let ids = try DeploymentComparison.ids(query)
        guard let stack = try await state.store.stack(id: stackID) else { throw APIError.notFound("no stack '\(stackID)'") }
        let loaded = try await DeploymentComparison.load(state, stack: stack, from: ids.from, to: ids.to)
        return Response(
            status: .ok,
            headers: [
                .contentType: "text/html; charset=utf-8",
                .cacheControl: "no-store",
                .contentSecurityPolicy: ComparePage.contentSecurityPolicy,
                .init("X-Content-Type-Options")!: "nosniff",
                .init("Referrer-Policy")!: "no-referrer",
            ],
            body: .init(byteBuffer: ByteBuffer(string: ComparePage(loaded).html()))
        )
    }
}

/// The compare page's HTML, a pure function of the comparison.
struct ComparePage {
    let loaded: DeploymentComparison

    init(_ loaded: DeploymentComparison) { self.loaded = loaded }

    /// One row of a side-by-side table: a line number and text on each side, or nothing.
    struct Row: Equatable {
        var old: (number: Int, text: String)?
        var new: (number: Int, text: String)?
        var changed: Bool

        static func == (a: Row, b: Row) -> Bool {
            a.old?.number == b.old?.number && a.old?.text == b.old?.text && a.new?.number == b.new?.number
                && a.new?.text == b.new?.text && a.changed == b.changed
        }
    }

    /// The rows of one hunk: unchanged lines on both sides; a run of removed lines paired with
    /// the run of added lines that follows it, line by line.
    static func rows(_ hunk: LineDiff.Hunk) -> [Row] {
        var rows: [Row] = []
        var oldNumber = hunk.oldCount == 0 ? hunk.oldStart + 1 : hunk.oldStart
        var newNumber = hunk.newCount == 0 ? hunk.newStart + 1 : hunk.newStart
        var removed: [String] = []
        var added: [String] = []
        func flush() {
            for index in 0..<max(removed.count, added.count) {
                let old = index < removed.count ? (oldNumber + index, removed[index]) : nil
                let new = index < added.count ? (newNumber + index, added[index]) : nil
                rows.append(Row(old: old, new: new, changed: true))
            }
            oldNumber += removed.count
            newNumber += added.count
            removed = []
            added = []
        }
        for edit in hunk.edits {
            switch edit {
            case .same(let text):
                flush()
                rows.append(Row(old: (oldNumber, text), new: (newNumber, text), changed: false))
                oldNumber += 1
                newNumber += 1
            case .removed(let text):
                if !added.isEmpty { flush() }
                removed.append(text)
            case .added(let text):
                added.append(text)
            }
        }
        flush()
        return rows
    }

    func html() -> String {
        let comparison = loaded.comparison
        let stack = HTML.escape(loaded.stack.id)
        var out = """
        <!doctype html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>\(stack): deployment \(loaded.from.id ?? 0) → \(loaded.to.id ?? 0)</title>
        <style>\(Self.style)</style>
        </head>
        <body>
        <header>
        <h1>\(stack)</h1>
        <p class="meta">\(Self.describe(loaded.from)) → \(Self.describe(loaded.to))</p>
        </header>
        <main>

        """
        out += "<section><h2>Resources</h2>\n"
        if comparison.resources.isEmpty {
            out += "<p class=\"meta\">No resource added, removed or changed.</p>\n"
        } else {
            out += "<ul class=\"resources\">\n"
            for resource in comparison.resources {
                let sign = switch resource.change { case .added: "+"; case .removed: "−"; case .changed: "~" }
                out += "<li class=\"\(resource.change.rawValue)\"><code>\(sign) \(HTML.escape(resource.address))</code> \(resource.change.rawValue)</li>\n"
            }
            out += "</ul>\n"
        }
        out += "</section>\n"
        let files = [(comparison.requirements, StackComparison.requirementsPath)] + comparison.terraform.map { ($0, $0.path) }
        for (change, path) in files {
            out += "<section><h2><code>\(HTML.escape(path))</code> <span class=\"meta\">\(change.status.rawValue)"
            out += change.status == .unchanged ? "" : ", +\(change.linesAdded) −\(change.linesRemoved)"
            out += "</span></h2>\n"
            guard change.status != .unchanged else { continue }
            let old = loaded.old[path].map { String(decoding: $0, as: UTF8.self) } ?? ""
            let new = loaded.new[path].map { String(decoding: $0, as: UTF8.self) } ?? ""
            out += "<table class=\"sbs\"><colgroup><col class=\"n\"><col><col class=\"n\"><col></colgroup>\n"
            for hunk in LineDiff(old, new).hunks() {
                out += "<tr class=\"hunk\"><td colspan=\"4\">\(HTML.escape(hunk.header))</td></tr>\n"
                for row in Self.rows(hunk) {
                    let left = row.old.map { "<td class=\"n\">\($0.number)</td><td class=\"\(row.changed ? "del" : "")\">\(HTML.escape($0.text))</td>" } ?? "<td class=\"n\"></td><td class=\"none\"></td>"
                    let right = row.new.map { "<td class=\"n\">\($0.number)</td><td class=\"\(row.changed ? "add" : "")\">\(HTML.escape($0.text))</td>" } ?? "<td class=\"n\"></td><td class=\"none\"></td>"
                    out += "<tr>\(left)\(right)</tr>\n"
                }
            }
            out += "</table>\n"
        }
        out += "</main>\n</body>\n</html>\n"
        return out
    }

    static func describe(_ deployment: DeploymentRecord) -> String {
        let when = HTML.timestamp(deployment.finishedAt ?? deployment.queuedAt)
        return "deployment \(deployment.id ?? 0) (<code>\(HTML.escape(String(deployment.commit.prefix(10))))</code>, \(HTML.escape(deployment.status.rawValue)), \(HTML.escape(when)))"
    }

    static let style = """
    :root{color-scheme:light dark;--fg:#1b1f24;--muted:#57606a;--bg:#fff;--line:#d0d7de;--add:#dafbe1;--del:#ffebe9}
    @media (prefers-color-scheme:dark){:root{--fg:#e6edf3;--muted:#8d96a0;--bg:#0d1117;--line:#30363d;--add:#12261e;--del:#25171c}}
    body{margin:0 auto;max-width:90rem;padding:1rem;font:15px/1.45 system-ui,sans-serif;color:var(--fg);background:var(--bg)}
    h1{font-size:1.4rem;margin:0}h2{font-size:1rem;margin:1.5rem 0 .5rem}.meta{color:var(--muted);font-weight:normal}
    .resources{list-style:none;padding:0}.resources .added{color:#1a7f37}.resources .removed{color:#cf222e}.resources .changed{color:#9a6700}
    table.sbs{width:100%;border-collapse:collapse;table-layout:fixed;font:13px/1.4 ui-monospace,monospace}
    .sbs col.n{width:3.5rem}.sbs td{padding:0 .4rem;white-space:pre-wrap;word-break:break-all;vertical-align:top;border-left:1px solid var(--line)}
    .sbs td.n{color:var(--muted);text-align:right;user-select:none}.sbs td.add{background:var(--add)}.sbs td.del{background:var(--del)}
    .sbs td.none{background:repeating-linear-gradient(45deg,transparent,transparent 4px,var(--line) 4px,var(--line) 5px)}
    .sbs tr.hunk td{color:var(--muted);border-top:1px solid var(--line);padding-top:.3rem}
    """

    static let contentSecurityPolicy: String = {
        let hash = "'sha256-\(Data(SHA256.hash(data: Data(style.utf8))).base64EncodedString())'"
        return "default-src 'none'; style-src \(hash); img-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
    }()
}
