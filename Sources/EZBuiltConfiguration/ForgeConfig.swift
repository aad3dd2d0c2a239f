import Foundation

/// The forge (GitHub, GitLab, Gitea) a repository is hosted on, where EZBuilt posts commit
/// statuses: `forge: { kind: github, api: https://api.github.com, project: owner/name,
/// tokenEnv: NAME }`.
///
/// The token is named by environment variable and read when a status is posted: it is never
/// written in the config, and never logged.
public struct ForgeSettings: Sendable, Equatable {
    /// Which forge's API to speak.
    public var kind: ForgeKind
    /// The API's base URL, without the version path: `https://api.github.com` (or
    /// `https://ghe.example.com/api/v3`), `https://gitlab.example.com`,
    /// `https://gitea.example.com`. For GitLab and Gitea a trailing `/api/v4` or `/api/v1` is
    /// accepted and removed, so either spelling works.
    public var api: URL
    /// The project the statuses are posted to: `owner/name` (GitLab: `group/subgroup/name`).
    public var project: String
    /// The environment variable holding the API token.
    public var tokenEnv: String
    /// The link shown with every status (your status page), when set.
    public var targetURL: URL?

    /// Settings for `project` on `kind` at `api`, with its token in `tokenEnv`.
    public init(kind: ForgeKind, api: URL, project: String, tokenEnv: String, targetURL: URL? = nil) {
        self.kind = kind
        self.api = api
        self.project = project
        self.tokenEnv = tokenEnv
        self.targetURL = targetURL
    }
}

/// A forge whose commit-status API EZBuilt speaks.
public enum ForgeKind: String, Sendable, Equatable, CaseIterable {
    case github
    case gitlab
    case gitea

    /// The API base a forge is reached at when `api` is left out; only GitHub has one.
    var defaultAPI: URL? {
        self == .github ? URL(string: "https://api.github.com") : nil
    }

    /// The version path the forge's routes live under, removed from a configured `api`.
    var versionPath: String? {
        switch self {
        case .github: nil
        case .gitlab: "/api/v4"
        case .gitea: "/api/v1"
        }
    }
}

extension ForgeSettings {
    /// Reads a repository's `forge` mapping, reporting problems with key paths and lines.
    static func parse(_ reader: MappingReader) -> ForgeSettings? {
        let kindText = reader.requiredString("kind")
        let kind = kindText.flatMap(ForgeKind.init(rawValue:))
        if let kindText, kind == nil {
            reader.report("kind", "\"\(kindText)\" is not a forge (github, gitlab or gitea)")
        }
        var api: URL?
        if let text = reader.string("api") {
            if let url = URL(string: text), ["http", "https"].contains(url.scheme ?? ""), url.host?.isEmpty == false,
               url.query == nil, url.fragment == nil, url.user == nil {
                api = kind.map { normalizedAPI(url, kind: $0) } ?? url
            } else {
                reader.report("api", "\"\(text)\" is not an http(s) URL without user, query or fragment")
            }
        } else if let kind {
            api = kind.defaultAPI
            if api == nil { reader.report("api", "is required for \(kind.rawValue) (the server's base URL, like https://\(kind.rawValue).example.com)") }
        }
        let project = reader.requiredString("project")
        if let project, let kind, !validProject(project, kind: kind) {
            reader.report("project", kind == .gitlab
                ? "\"\(project)\" is not a project path (group/name or group/subgroup/name)"
                : "\"\(project)\" is not owner/name")
        }
        var tokenEnv: String?
        if let name = reader.requiredString("tokenEnv") {
            if Validate.environmentName(name) {
                tokenEnv = name
            } else {
                reader.report("tokenEnv", "\"\(name)\" is not an environment variable name")
            }
        }
        var targetURL: URL?
        if let text = reader.string("targetUrl") {
            if let url = URL(string: text), ["http", "https"].contains(url.scheme ?? ""), url.host?.isEmpty == false {
                targetURL = url
            } else {
                reader.report("targetUrl", "\"\(text)\" is not an http(s) URL")
            }
        }
        reader.rejectUnknownKeys()
        guard let kind, let api, let project, let tokenEnv, validProject(project, kind: kind) else { return nil }
        return ForgeSettings(kind: kind, api: api, project: project, tokenEnv: tokenEnv, targetURL: targetURL)
    }

    /// `api` without a trailing slash or the forge's own version path.
    static func normalizedAPI(_ url: URL, kind: ForgeKind) -> URL {
        var text = url.absoluteString
        while text.hasSuffix("/") { text.removeLast() }
        if let version = kind.versionPath, text.hasSuffix(version) { text.removeLast(version.count) }
        return URL(string: text) ?? url
    }

    /// `owner/name`; GitLab also allows nested groups. Segments are what the forges allow in names.
    static func validProject(_ text: String, kind: ForgeKind) -> Bool {
        let segments = text.split(separator: "/", omittingEmptySubsequences: false)
        let counts = kind == .gitlab ? 2...20 : 2...2
        return counts.contains(segments.count) && segments.allSatisfy { segment in
            !segment.isEmpty && segment != "." && segment != ".." && segment.count <= 100
                && segment.wholeMatch(of: /[A-Za-z0-9_.-]+/) != nil
        }
    }
}
