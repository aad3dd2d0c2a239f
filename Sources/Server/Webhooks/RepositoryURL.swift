import Foundation

/// A git remote URL reduced to what identifies the repository, so the forms a forge puts in
/// a webhook match the form written in the config:
/// `https://GitHub.com/acme/infra.git/`, `ssh://git@github.com:22/acme/infra`,
/// `git@github.com:acme/infra.git` and `http://github.com/acme/infra` all become
/// `github.com/acme/infra`.
///
/// Scheme, user, port, a trailing `/` and `.git` are dropped and the host is lower-cased; the
/// path keeps its case (GitLab and Gitea paths are case-sensitive). Local paths and `file://`
/// URLs are kept as they are.
enum RepositoryURL {
    static func normalised(_ text: String) -> String? {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty else { return nil }
        var host: Substring
        var path: Substring
        if let schemeEnd = trimmed.range(of: "://") {
            let scheme = trimmed[..<schemeEnd.lowerBound].lowercased()
            let rest = trimmed[schemeEnd.upperBound...]
            if scheme == "file" { return "file://" + stripSuffixes(rest) }
            guard ["http", "https", "ssh", "git", "git+ssh", "ssh+git"].contains(scheme) else { return nil }
            let slash = rest.firstIndex(of: "/") ?? rest.endIndex
            host = rest[..<slash]
            path = rest[slash...]
        } else if let colon = trimmed.firstIndex(of: ":"), !trimmed[..<colon].contains("/") {
            // scp-like `git@host:path`.
            host = trimmed[..<colon]
            path = trimmed[trimmed.index(after: colon)...]
        } else {
            return stripSuffixes(Substring(trimmed))
        }
        if let at = host.lastIndex(of: "@") { host = host[host.index(after: at)...] }
        if host.hasPrefix("[") {
            if let close = host.firstIndex(of: "]") { host = host[...close] }
        } else if let colon = host.lastIndex(of: ":") {
            host = host[..<colon]
        }
        while path.hasPrefix("/") { path = path.dropFirst() }
        guard !host.isEmpty, !path.isEmpty else { return nil }
        return host.lowercased() + "/" + stripSuffixes(path)
    }

    private static func stripSuffixes(_ path: Substring) -> String {
        var path = path
        while path.hasSuffix("/") { path = path.dropLast() }
        if path.hasSuffix(".git") { path = path.dropLast(4) }
        while path.hasSuffix("/") { path = path.dropLast() }
        return String(path)
    }

    /// Every URL-looking string a GitHub, GitLab or Gitea payload gives for its repository.
    static func payloadURLs(_ body: Data) -> [String] {
        guard let object = try? JSONSerialization.jsonObject(with: body) as? [String: Any] else { return [] }
        let keys = ["clone_url", "ssh_url", "html_url", "git_url", "url", "git_http_url", "git_ssh_url", "web_url", "http_url", "homepage"]
        var urls: [String] = []
        for container in ["repository", "project"] {
            guard let repository = object[container] as? [String: Any] else { continue }
            for key in keys {
                if let value = repository[key] as? String { urls.append(value) }
            }
        }
        return urls
    }
}
