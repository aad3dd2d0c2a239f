import Crypto
import Foundation
import Hummingbird
import EZBuiltConfiguration

/// A forge that sends webhooks, and how it signs them.
enum WebhookProvider: String, CaseIterable, Sendable {
    case github, gitlab, gitea
}

/// `POST /api/v1/webhooks/{github,gitlab,gitea}`: wakes the repository a push is for.
///
/// The repository is the one named by `?repository=<id>`, or every configured repository
/// whose normalised URL equals one of the payload's clone, ssh or web URLs. The body must be
/// signed with that repository's secret (read from the environment variable its
/// `webhookSecretEnv` names): GitHub's `X-Hub-Signature-256` and Gitea's `X-Gitea-Signature`
/// are HMAC-SHA256 of the exact body, GitLab's `X-Gitlab-Token` is the secret itself; all are
/// compared in constant time. A repository without a secret refuses webhooks. The payload is
/// parsed only to find candidate repositories; nothing in it is acted on but the wake-up.
struct WebhookRoutes: Sendable {
    let state: ServerState

    func receive(_ provider: WebhookProvider, _ request: Request, _ context: BasicRequestContext) async throws -> Response {
        let query = try QueryParameters(request, allowed: ["repository"])
        if let length = request.headers[.contentLength].flatMap(Int.init), length > state.webhookBodyLimit {
            throw APIError(.contentTooLarge, "the webhook body is larger than \(state.webhookBodyLimit) bytes")
        }
        var request = request
        let buffer: ByteBuffer
        do {
            buffer = try await request.collectBody(upTo: state.webhookBodyLimit)
        } catch {
            throw APIError(.contentTooLarge, "the webhook body is larger than \(state.webhookBodyLimit) bytes")
        }
        let body = Data(buffer: buffer)

        // Until the signature is verified, every refusal is the same 401: an unauthenticated
        // caller must not learn which repositories exist or have a secret. The reason goes to
        // the log, where the operator looks.
        func refuse(_ reason: String) -> APIError {
            state.logger.notice("refused a webhook", metadata: ["provider": "\(provider.rawValue)", "reason": "\(reason)"])
            return APIError(.unauthorized, "the webhook could not be authenticated (check the repository's webhook URL, "
                + "its secret and the signature header; the daemon's log says which)")
        }
        let candidates: [RepositoryConfig]
        if let id = try query.string("repository") {
            candidates = state.config.repository(id: id).map { [$0] } ?? []
        } else {
            let urls = Set(RepositoryURL.payloadURLs(body).compactMap(RepositoryURL.normalised))
            candidates = state.config.repositories.filter { repository in
                RepositoryURL.normalised(repository.url).map(urls.contains) ?? false
            }
        }
        let withSecret = candidates.compactMap { repository -> (RepositoryConfig, [UInt8])? in
            guard let name = repository.webhookSecretEnv, let secret = state.environment[name], !secret.isEmpty else { return nil }
            return (repository, Array(secret.utf8))
        }
        let signature = WebhookSignature(provider: provider, headers: request.headers)
        // The same work whether or not a repository matched: a signature is always checked.
        let keys = withSecret.isEmpty ? [(nil as RepositoryConfig?, Array(SHA256.hash(data: body)))] : withSecret.map { ($0.0 as RepositoryConfig?, $0.1) }
        let verified = keys.filter { signature?.verifies(body: body, secret: $0.1) == true }.compactMap(\.0)
        guard !candidates.isEmpty else {
            throw refuse("no configured repository matches the webhook's repository URLs or ?repository=")
        }
        guard !withSecret.isEmpty else {
            throw refuse("repository '\(candidates[0].id)' has no webhook secret (set webhookSecretEnv and that variable)")
        }
        guard signature != nil else {
            throw refuse("no \(WebhookSignature.headerName(provider)) header")
        }
        guard !verified.isEmpty else {
            throw refuse("the signature does not match")
        }

        // A delivery is acted on once. The id headers are not signed, so this stops a forge's
        // redelivery and a naive replay, not an attacker who also rewrites the id; a replay
        // can at most wake a repository, which polling does anyway.
        if let delivery = WebhookSignature.deliveryID(provider, request.headers) {
            guard try await state.store.rememberWebhookDelivery(provider: provider.rawValue, id: delivery) else {
                state.logger.notice("refused a replayed webhook", metadata: ["provider": "\(provider.rawValue)"])
                throw APIError(.conflict, "delivery \(delivery.prefix(80)) was already received")
            }
        }

        if Self.isPing(provider, request.headers) {
            return try JSON.response(APIModels.Accepted(accepted: true, message: "pong"), status: .ok)
        }
        var woken: [String] = []
        for repository in verified where await state.backend.sync(repositoryID: repository.id) {
            woken.append(repository.id)
        }
        state.logger.info("webhook woke repositories", metadata: ["provider": "\(provider.rawValue)", "repositories": "\(woken.joined(separator: ","))"])
        guard !woken.isEmpty else {
            throw APIError.notFound("the reconciler does not know repository '\(verified[0].id)'")
        }
        return try JSON.response(
            APIModels.Accepted(accepted: true, message: "polling \(woken.joined(separator: ", ")) now"),
            status: .accepted
        )
    }

    /// GitHub's ping on hook creation, and Gitea's/GitLab's test events: verified, not acted on.
    static func isPing(_ provider: WebhookProvider, _ headers: HTTPFields) -> Bool {
        switch provider {
        case .github: headers[.init("X-GitHub-Event")!] == "ping"
        case .gitea: headers[.init("X-Gitea-Event")!] == "ping"
        case .gitlab: false
        }
    }
}

/// The signature a webhook carries, checked against a secret in constant time.
enum WebhookSignature {
    /// HMAC-SHA256 of the body (GitHub, Gitea).
    case hmacSHA256([UInt8])
    /// The shared secret itself (GitLab).
    case token([UInt8])

    /// The delivery id the forge sends with each delivery (a redelivery keeps it).
    static func deliveryID(_ provider: WebhookProvider, _ headers: HTTPFields) -> String? {
        let names: [String] = switch provider {
        case .github: ["X-GitHub-Delivery"]
        case .gitea: ["X-Gitea-Delivery"]
        case .gitlab: ["X-Gitlab-Event-UUID", "Idempotency-Key"]
        }
        return names.lazy.compactMap { headers[.init($0)!] }.first { !$0.isEmpty && $0.count <= 200 }
    }

    static func headerName(_ provider: WebhookProvider) -> String {
        switch provider {
        case .github: "X-Hub-Signature-256"
        case .gitea: "X-Gitea-Signature"
        case .gitlab: "X-Gitlab-Token"
        }
    }

    /// Reads the provider's header; nil when missing or not hex.
    init?(provider: WebhookProvider, headers: HTTPFields) {
        guard let value = headers[.init(Self.headerName(provider))!] else { return nil }
        switch provider {
        case .github:
            guard value.hasPrefix("sha256="), let mac = Self.hex(value.dropFirst("sha256=".count)) else { return nil }
            self = .hmacSHA256(mac)
        case .gitea:
            guard let mac = Self.hex(Substring(value)) else { return nil }
            self = .hmacSHA256(mac)
        case .gitlab:
            guard !value.isEmpty else { return nil }
            self = .token(Array(value.utf8))
        }
    }

    func verifies(body: Data, secret: [UInt8]) -> Bool {
        switch self {
        case .hmacSHA256(let mac):
            return HMAC<SHA256>.isValidAuthenticationCode(mac, authenticating: body, using: SymmetricKey(data: secret))
        case .token(let token):
            // Digests first: equal lengths, so the comparison leaks neither length nor content.
            return ConstantTime.equals(Array(SHA256.hash(data: token)), Array(SHA256.hash(data: secret)))
        }
    }

    private static func hex(_ text: Substring) -> [UInt8]? {
        let digits = Array(text.utf8)
        guard digits.count == 64 else { return nil }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(32)
        for index in stride(from: 0, to: digits.count, by: 2) {
            guard let high = nibble(digits[index]), let low = nibble(digits[index + 1]) else { return nil }
            bytes.append(high << 4 | low)
        }
        return bytes
    }

    private static func nibble(_ digit: UInt8) -> UInt8? {
        switch digit {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): digit - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): digit - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): digit - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
