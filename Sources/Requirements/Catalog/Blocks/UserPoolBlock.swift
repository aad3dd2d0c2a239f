import Foundation

/// Cognito user pool for sign-in: e-mail usernames, password policy, MFA, account recovery,
/// deletion protection, an app client (no secret for browser/mobile apps; code flow with the
/// callback URLs given) and a hosted UI domain prefix.
enum UserPoolBlock: BuildingBlock {
    struct Properties: BlockProperties {
        var minPasswordLength: Sourced<Int>?
        var mfa: Sourced<String>?
        var emailSignIn: Sourced<Bool>?
        var selfSignUp: Sourced<Bool>?
        var callbackURLs: [String] = []
        var logoutURLs: [String] = []
        var domainPrefix: Sourced<String>?
        var clientSecret: Sourced<Bool>?
        var tokenHours: Sourced<Int>?
        var refreshDays: Sourced<Int>?
    }
    static let kind = "userPool"
    static let noun = "Cognito user pool"
    static let lexicon = Lexicon(
        mention: "\\b(cognito|user pools?|sign[- ]?(in|up)|log ?in|hosted ui|app client|mfa|passwords?|oauth|oidc callback|callback urls?)\\b",
        strong: "\\b(cognito( user pool)?|user pools?|hosted (ui|login)|(customer|user) sign[- ]?in)\\b", exclude: "\\b(github|sso|identity center|console) (sign[- ]?in|log ?in)\\b", nameNoun: "(?:user pool|pool)")
    static let needs = BlockNeeds(
        resourceTypes: ["aws_cognito_user_pool", "aws_cognito_user_pool_client", "aws_cognito_user_pool_domain"],
        iamActions: ["cognito-idp:CreateUserPool", "cognito-idp:DeleteUserPool", "cognito-idp:DescribeUserPool", "cognito-idp:UpdateUserPool", "cognito-idp:CreateUserPoolClient", "cognito-idp:DeleteUserPoolClient", "cognito-idp:DescribeUserPoolClient", "cognito-idp:UpdateUserPoolClient", "cognito-idp:CreateUserPoolDomain", "cognito-idp:DeleteUserPoolDomain", "cognito-idp:DescribeUserPoolDomain", "cognito-idp:TagResource", "cognito-idp:ListTagsForResource", "cognito-idp:GetUserPoolMfaConfig", "cognito-idp:SetUserPoolMfaConfig"],
        endpoints: ["cognitoidp"], pricedTypes: ["aws_cognito_user_pool"])

    static func read(_ s: Statement, into p: inout Properties, context: BlockReadContext) -> Bool {
        var hit = false
        if s.says("\\bpasswords?\\b"), let n = s.normalized.capture("(\\d{1,3})\\s*(?:\\+\\s*)?(?:characters?|chars?)\\b").flatMap({ Int($0) }) ?? s.normalized.capture("\\b(?:at least|minimum(?: of)?|min\\.?)\\s*(\\d{1,3})\\b").flatMap({ Int($0) }) { hit = p.minPasswordLength.read(max(6, min(99, n)), line: s.line) }
        if s.says("\\b(mfa|multi-factor|two-factor|2fa|totp|authenticator)\\b") {
            let v = s.choice("\\b(mfa|multi-factor|two-factor|2fa)\\b")
            let mode = v == false ? "OFF" : s.says("\\b(optional|opt-in|can turn on|may enable|offer)\\b") ? "OPTIONAL" : "ON"
            hit = p.mfa.read(mode, line: s.line) || hit
        }
        if s.says("\\b(e-?mail (address )?(as|is) (the )?(username|login)|sign in with (their )?e-?mail|log ?in with (their )?e-?mail|e-?mail and password)\\b") { hit = p.emailSignIn.read(true, line: s.line) || hit }
        if let signUp = s.choice("\\b(self[- ]sign[- ]?ups?|sign up themselves|self[- ]registration|public sign[- ]?up)\\b") { hit = p.selfSignUp.read(signUp, line: s.line) || hit }
        if s.says("\\b(invite[- ]only|admins? (create|invite)|only admins)\\b") { hit = p.selfSignUp.read(false, line: s.line) || hit }
        let urls = s.text.matches("(https?://[A-Za-z0-9._~:/?#@!$&'()*+,;=%-]+[A-Za-z0-9/])").map { $0.groups[1] }
        if s.says("\\b(sign[- ]?out|log ?out)\\b") { for u in urls where !p.logoutURLs.contains(u) { p.logoutURLs.append(u); hit = true } }
        else if s.says("\\b(callback|redirect|return)\\b") { for u in urls where !p.callbackURLs.contains(u) { p.callbackURLs.append(u); hit = true } }
        if s.says("\\b(domain|prefix|hosted ui)\\b"), let d = s.text.capture("(?i)\\b(?:domain|prefix)\\s*(?:prefix)?\\s*(?:is|:|=|of)?\\s*[`\"“]([a-z0-9-]{1,63})[`\"”]") { hit = p.domainPrefix.read(d, line: s.line) || hit }
        if s.says("\\b(spa|single[- ]page|browser|mobile app|public client|no (client )?secret)\\b") { hit = p.clientSecret.read(false, line: s.line) || hit }
        if s.says("\\b(server[- ]side|backend|confidential client|with a (client )?secret)\\b") && s.says("\\bclient\\b") { hit = p.clientSecret.read(true, line: s.line) || hit }
        if s.says("\\b(access|id) tokens?\\b"), let secs = Values.seconds(in: s.after("\\btokens?\\b") ?? "") { hit = p.tokenHours.read(max(1, min(24, secs / 3600)), line: s.line) || hit }
        if s.says("\\brefresh tokens?\\b"), let d = Values.days(in: s.after("\\brefresh tokens?\\b") ?? "") { hit = p.refreshDays.read(max(1, min(3650, d)), line: s.line) || hit }
        return hit || context.mentionsBlock
    }

    static func render(_ c: BlockInstance<Properties>, into ctx: inout RenderContext) {
        guard c.ownership == .create else { return }
        let p = c.properties
        let name = ctx.blockName(c, "users")
        let mfa = p.mfa?.value ?? "OPTIONAL"
        ctx.resource("aws_cognito_user_pool", c.id, [
            a("name", .string(name)), a("deletion_protection", .string("ACTIVE")),
            p.emailSignIn?.value == false ? nil : a("username_attributes", .strings(["email"])),
            a("auto_verified_attributes", .strings(["email"])), a("mfa_configuration", .string(mfa)),
            mfa == "OFF" ? nil : b("software_token_mfa_configuration", [a("enabled", .bool(true))]),
            b("password_policy", [a("minimum_length", .int(p.minPasswordLength?.value ?? 12)), a("require_lowercase", .bool(true)), a("require_uppercase", .bool(true)), a("require_numbers", .bool(true)), a("require_symbols", .bool(false)), a("temporary_password_validity_days", .int(7))]),
            b("admin_create_user_config", [a("allow_admin_create_user_only", .bool(!(p.selfSignUp?.value ?? true)))]),
            b("account_recovery_setting", [b("recovery_mechanism", [a("name", .string("verified_email")), a("priority", .int(1))])]),
            b("user_pool_add_ons", [a("advanced_security_mode", .string("OFF"))]),
        ])
        let callbacks = p.callbackURLs
        ctx.resource("aws_cognito_user_pool_client", c.id, [
            a("name", .string(name + "-app")), a("user_pool_id", .reference("aws_cognito_user_pool.\(c.id).id")),
            a("generate_secret", .bool(p.clientSecret?.value ?? false)), a("prevent_user_existence_errors", .string("ENABLED")),
            a("explicit_auth_flows", .strings(["ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"])),
            a("supported_identity_providers", .strings(["COGNITO"])),
            callbacks.isEmpty ? nil : a("callback_urls", .strings(callbacks)),
            p.logoutURLs.isEmpty ? nil : a("logout_urls", .strings(p.logoutURLs)),
            callbacks.isEmpty ? nil : a("allowed_oauth_flows_user_pool_client", .bool(true)),
            callbacks.isEmpty ? nil : a("allowed_oauth_flows", .strings(["code"])),
            callbacks.isEmpty ? nil : a("allowed_oauth_scopes", .strings(["openid", "email", "profile"])),
            a("access_token_validity", .int(p.tokenHours?.value ?? 1)), a("id_token_validity", .int(p.tokenHours?.value ?? 1)),
            a("refresh_token_validity", .int(p.refreshDays?.value ?? 30)),
            b("token_validity_units", [a("access_token", .string("hours")), a("id_token", .string("hours")), a("refresh_token", .string("days"))]),
        ])
        ctx.resource("aws_cognito_user_pool_domain", c.id, [
            a("domain", .string(p.domainPrefix?.value ?? AWSNames.sanitize(name, for: .database))), a("user_pool_id", .reference("aws_cognito_user_pool.\(c.id).id")),
        ])
    }
}
