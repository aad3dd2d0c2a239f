import EZBuiltConfiguration
import Foundation

/// The HTTP request that posts one commit status to one forge, as each forge documents it.
/// Pure: building it reads nothing and sends nothing, so every forge's shape is tested alone.
///
/// - GitHub: `POST {api}/repos/{owner}/{repo}/statuses/{sha}`, `Authorization: Bearer`,
///   JSON `state` (pending, success, failure), `target_url`, `description`, `context`.
/// - Gitea: `POST {api}/api/v1/repos/{owner}/{repo}/statuses/{sha}`, `Authorization: token`,
///   the same JSON as GitHub.
/// - GitLab: `POST {api}/api/v4/projects/{url-encoded path}/statuses/{sha}`, `PRIVATE-TOKEN`,
///   JSON `state` (running, success, failed), `name` (the context), `description`, `target_url`.
public struct ForgeRequest: Sendable, Equatable {
    public var method: String
    public var url: URL
    /// Header fields, the token among them: never log them (see `redactedDescription`).
    public var headers: [String: String]
    public var body: Data

    /// The request posting `status` to `forge` with `token`; nil when no valid URL comes of them.
    public init?(posting status: CommitStatus, to forge: ForgeSettings, token: String) {
        method = "POST"
        var base = forge.api.absoluteString
        while base.hasSuffix("/") { base.removeLast() }
        let sha = status.sha.addingPercentEncoding(withAllowedCharacters: Self.segment) ?? status.sha
        var fields: [(String, String)]
        switch forge.kind {
        case .github, .gitea:
            let parts = forge.project.split(separator: "/", maxSplits: 1).map { String($0).addingPercentEncoding(withAllowedCharacters: Self.segment) ?? String($0) }
            let prefix = forge.kind == .gitea ? "/api/v1" : ""
            guard parts.count == 2, let url = URL(string: "\(base)\(prefix)/repos/\(parts[0])/\(parts[1])/statuses/\(sha)") else { return nil }
            self.url = url
            headers = [
                "Authorization": forge.kind == .github ? "Bearer \(token)" : "token \(token)",
                "Accept": forge.kind == .github ? "application/vnd.github+json" : "application/json",
            ]
            if forge.kind == .github { headers["X-GitHub-Api-Version"] = "2022-11-28" }
            fields = [("state", status.state.rawValue), ("context", status.context)]
        case .gitlab:
            // The project is one path segment: its slashes are encoded (`group%2Fname`).
            let project = forge.project.addingPercentEncoding(withAllowedCharacters: Self.segment) ?? forge.project
            guard let url = URL(string: "\(base)/api/v4/projects/\(project)/statuses/\(sha)") else { return nil }
            self.url = url
            headers = ["PRIVATE-TOKEN": token, "Accept": "application/json"]
            // GitLab's states are a pipeline's: planning is `running`, a refusal `failed`.
            let state = switch status.state {
            case .pending: "running"
            case .success: "success"
            case .failure: "failed"
            }
            fields = [("state", state), ("name", status.context)]
        }
        headers["Content-Type"] = "application/json"
        headers["User-Agent"] = "EZBuilt"
        fields.append(("description", status.postedDescription))
        if let target = forge.targetURL { fields.append(("target_url", target.absoluteString)) }
        body = Self.json(fields)
    }

    /// Method and URL, for logs: no header, so no token.
    public var redactedDescription: String { "\(method) \(url.absoluteString)" }

    /// Unreserved characters only: everything else in a path segment is percent-encoded.
    static let segment = CharacterSet(charactersIn: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~")

    /// A flat JSON object of strings, keys in the given order (stable bytes for tests and logs).
    static func json(_ fields: [(String, String)]) -> Data {
        let members = fields.map { key, value in
            let encoder = JSONEncoder()
            encoder.outputFormatting = .withoutEscapingSlashes
            let encoded = (try? encoder.encode(value)).map { String(decoding: $0, as: UTF8.self) } ?? "\"\""
            return "\"\(key)\":\(encoded)"
        }
        return Data(("{" + members.joined(separator: ",") + "}").utf8)
    }
}
