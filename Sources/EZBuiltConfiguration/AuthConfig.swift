import Foundation

/// Who may use the HTTP API: `auth: { tokens: ["sha256:<hex>"], publicRead: false,
/// oidc: { issuer, audience, jwks } }`.
///
/// Tokens are stored as SHA-256 digests so the config file never holds a usable credential.
/// Actions (sync, drift check) always need a token or a JWT; reads need one unless
/// `publicRead` is true; webhooks are checked by their signature instead.
public struct AuthSettings: Sendable, Equatable {
    /// SHA-256 digests (32 bytes each) of the accepted bearer tokens.
    public var tokenDigests: [[UInt8]]
    /// Whether reads (GET of the API, the status page, metrics) are open without credentials.
    public var publicRead: Bool
    /// OpenID Connect JWTs accepted as bearer tokens, when set.
    public var oidc: OIDCSettings?

    /// Settings as code builds them (tests, `ezbuilt serve` defaults): no token, reads closed.
    public init(tokenDigests: [[UInt8]] = [], publicRead: Bool = false, oidc: OIDCSettings? = nil) {
        self.tokenDigests = tokenDigests
        self.publicRead = publicRead
        self.oidc = oidc
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
            guard let text = item.node.scalar?.string else {
                reader.report("tokens", "item \(index) is not a string")
                continue
            }
            if let digest = tokenDigest(text) {
                settings.tokenDigests.append(digest)
            } else {
                // The path of the list is all MappingReader can report; the item's own line
                // goes in the message so the operator still lands on it.
                let line = item.node.mark.map { " (on line \($0.line))" } ?? ""
                reader.report("tokens", "item \(index)\(line) must be \"sha256:\" followed by 64 hex digits, the SHA-256 of the token (printf %s \"$TOKEN\" | sha256sum), never the token itself")
            }
        }
        if let publicRead = reader.bool("publicRead") { settings.publicRead = publicRead }
        if let oidc = reader.mapping("oidc") { settings.oidc = parseOIDC(oidc) }
        reader.rejectUnknownKeys()
        return settings
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
