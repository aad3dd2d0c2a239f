import Foundation

/// Who may use the HTTP API: `auth: { tokens: […], publicRead: false, oidc: { issuer,
/// audience, jwks } }`.
///
/// Tokens are stored as SHA-256 digests so the config file never holds a usable credential.
/// Actions (sync, drift check) always need a token or a JWT; reads need one unless
/// `publicRead` is true; webhooks are checked by their signature instead.
public struct AuthSettings: Sendable, Equatable {
    /// The accepted bearer tokens.
    public var tokens: [APIToken]
    /// Whether reads (GET of the API, the status page, metrics) are open without credentials.
    public var publicRead: Bool
    /// OpenID Connect JWTs accepted as bearer tokens, when set.
    public var oidc: OIDCSettings?

    /// Settings as code builds them (tests, `ezbuilt serve` defaults): no token, reads closed.
    public init(tokens: [APIToken] = [], publicRead: Bool = false, oidc: OIDCSettings? = nil) {
        self.tokens = tokens
        self.publicRead = publicRead
        self.oidc = oidc
    }
}

/// One accepted API token: the SHA-256 of its value and, when the configuration gives one, the
/// name the audit log records its actions under.
///
/// In the configuration either `"sha256:<hex>"` (unnamed) or `{ name: ci-deployer, sha256:
/// "<hex>" }`.
public struct APIToken: Sendable, Equatable {
    /// The SHA-256 of the token (32 bytes).
    public var digest: [UInt8]
    /// Letters, digits, `.`, `_`, `-`, starting with a letter; nil for a token given by hash alone.
    public var name: String?

    /// A token accepted by its digest, recorded by `name` when there is one.
    public init(digest: [UInt8], name: String? = nil) {
        self.digest = digest
        self.name = name
    }

    /// Who this token is in the audit log: `token:<name>`, or for an unnamed token
    /// `token:<first 12 hex digits of its SHA-256>` (nothing else is known about it).
    public var actor: String {
        "token:" + (name ?? digest.prefix(6).map { String(format: "%02x", $0) }.joined())
    }

    /// Whether `name` may name a token: an allowlist of characters, starting with a letter, and
    /// never twelve hex digits (the actor an unnamed token is recorded as).
    static func isValidName(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first, name.unicodeScalars.count <= 64,
              ("a"..."z").contains(first) || ("A"..."Z").contains(first),
              name.unicodeScalars.allSatisfy({ $0.isASCII && (CharacterSet.alphanumerics.contains($0) || "._-".unicodeScalars.contains($0)) })
        else { return false }
        let twelveHex = name.count == 12 && name.unicodeScalars.allSatisfy { ("0"..."9").contains($0) || ("a"..."f").contains($0) }
        return !twelveHex
    }
}

/// The identity provider whose JWTs are accepted (Cognito, Dex, Keycloak, …).
public struct OIDCSettings: Sendable, Equatable {
    /// The exact `iss` claim required.
    public var issuer: String
    /// Accepted `aud` values: a token must name at least one.
    public var audiences: [String]
    /// Where the provider's public keys are.
    public var jwks: JWKSSource

    /// A provider whose tokens must carry `issuer` and one of `audiences`, signed by a key in `jwks`.
    public init(issuer: String, audiences: [String], jwks: JWKSSource) {
        self.issuer = issuer
        self.audiences = audiences
        self.jwks = jwks
    }
}

/// A JSON Web Key Set on disk or behind a URL.
public enum JWKSSource: Sendable, Equatable {
    /// An absolute path to a JWKS JSON file.
    case file(String)
    /// An https URL (or http on a loopback address) serving the JWKS.
    case url(URL)
}

extension AuthSettings {
    /// Reads the `auth` mapping, reporting problems with their key paths and lines. A token
    /// value is never quoted back in an error: someone may have pasted the token itself.
    static func parse(_ reader: MappingReader) -> AuthSettings {
        var settings = AuthSettings()
        for (index, item) in reader.sequence("tokens").enumerated() {
            // The path of the list is all MappingReader can report for a plain item; the item's
            // own line goes in the message so the operator still lands on it.
            let line = item.node.mark.map { " (on line \($0.line))" } ?? ""
            if let text = item.node.scalar?.string {
                guard let digest = tokenDigest(text) else {
                    reader.report("tokens", "item \(index)\(line) must be \"sha256:\" followed by 64 hex digits, the SHA-256 of the token (printf %s \"$TOKEN\" | sha256sum), never the token itself; or { name: NAME, sha256: <64 hex digits> }")
                    continue
                }
                settings.tokens.append(APIToken(digest: digest))
            } else if let entry = reader.mapping(item: item) {
                if let token = namedToken(entry) { settings.tokens.append(token) }
            }
        }
        var names: Set<String> = []
        for name in settings.tokens.compactMap(\.name) where !names.insert(name).inserted {
            reader.report("tokens", "the name \"\(name)\" is given to more than one token (the audit log could not tell them apart)")
        }
        if let publicRead = reader.bool("publicRead") { settings.publicRead = publicRead }
        if let oidc = reader.mapping("oidc") { settings.oidc = parseOIDC(oidc) }
        reader.rejectUnknownKeys()
        return settings
    }

    /// `{ name: NAME, sha256: <64 hex digits> }` (the digest may also carry its `sha256:` prefix).
    private static func namedToken(_ entry: MappingReader) -> APIToken? {
        let name = entry.requiredString("name")
        if let name, !APIToken.isValidName(name) {
            entry.report("name", "must start with a letter and hold only letters, digits, '.', '_' and '-' (at most 64), and not be twelve hex digits")
        }
        let hex = entry.requiredString("sha256")
        let digest = hex.flatMap { tokenDigest($0.hasPrefix("sha256:") ? $0 : "sha256:" + $0) }
        if hex != nil, digest == nil {
            entry.report("sha256", "must be 64 hex digits, the SHA-256 of the token (printf %s \"$TOKEN\" | sha256sum), never the token itself")
        }
        entry.rejectUnknownKeys()
        guard let name, APIToken.isValidName(name), let digest else { return nil }
        return APIToken(digest: digest, name: name)
    }

    /// `sha256:<64 hex>` → the 32 digest bytes.
    static func tokenDigest(_ text: String) -> [UInt8]? {
        guard text.hasPrefix("sha256:") else { return nil }
        let hex = Array(text.dropFirst("sha256:".count).lowercased().utf8)
        guard hex.count == 64 else { return nil }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(32)
        for index in stride(from: 0, to: 64, by: 2) {
            guard let high = hexValue(hex[index]), let low = hexValue(hex[index + 1]) else { return nil }
            bytes.append(high << 4 | low)
        }
        return bytes
    }

    private static func hexValue(_ character: UInt8) -> UInt8? {
        switch character {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): character - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): character - UInt8(ascii: "a") + 10
        default: nil
        }
    }

    private static func parseOIDC(_ reader: MappingReader) -> OIDCSettings? {
        let issuer = reader.requiredString("issuer")
        var audiences: [String] = []
        if let node = reader.value("audience") {
            if node.scalar != nil {
                audiences = reader.string("audience").map { [$0] } ?? []
            } else {
                audiences = reader.strings("audience") ?? []
            }
            if audiences.isEmpty || audiences.contains(where: { $0.isEmpty }) {
                reader.report("audience", "must be a non-empty string or list of strings")
            }
        } else {
            reader.report("audience", "is required")
        }
        var source: JWKSSource?
        if let jwks = reader.requiredString("jwks") {
            if jwks.hasPrefix("/") {
                source = .file(jwks)
            } else if jwks.lowercased().hasPrefix("https://"), let url = URL(string: jwks), url.host != nil {
                source = .url(url)
            } else if let url = Validate.loopbackURL(jwks) {
                source = .url(url)
            } else {
                reader.report("jwks", "\"\(jwks)\" must be an absolute file path, an https URL, or an http URL on a loopback address")
            }
        }
        reader.rejectUnknownKeys()
        guard let issuer, !audiences.isEmpty, let source else { return nil }
        return OIDCSettings(issuer: issuer, audiences: audiences, jwks: source)
    }
}
