import Foundation
import Hummingbird

/// `GET /login?token=…`: a link that opens the status page in a browser (which cannot send a
/// bearer header). A configured API token is exchanged for an HttpOnly, SameSite=Strict
/// session cookie that allows reads only, and the browser is sent on to `/`, so the token
/// leaves the address bar at once. `scripts/demo` prints such a link.
struct LoginRoute: Sendable {
    let state: ServerState

    @Sendable func login(_ request: Request, _ context: BasicRequestContext) async throws -> Response {
        let query = try QueryParameters(request, allowed: ["token"])
        guard let token = try query.string("token"), state.authenticator.acceptsToken(token) else {
            throw APIError.unauthorized
        }
        // A cookie value holds no separators; such a token works as a bearer header only.
        guard token.unicodeScalars.allSatisfy({ $0.isASCII && (CharacterSet.alphanumerics.contains($0) || "-._~+/=".unicodeScalars.contains($0)) }) else {
            throw APIError(.badRequest, "this token cannot be kept in a cookie; use a token of letters and digits for login links")
        }
        return Response(status: .seeOther, headers: [
            .location: "/",
            .setCookie: "\(Authenticator.sessionCookieName)=\(token); Path=/; HttpOnly; SameSite=Strict",
            .cacheControl: "no-store",
            .init("Referrer-Policy")!: "no-referrer",
        ])
    }
}
