import Foundation

/// Finds the names people give things: backticks, quotes, "named X", "called X", "name: X".
enum NameReader {
    static let quoted = "[`\"“']([^`\"”'\\n]{1,255})[`\"”']"
    static let bare = "([A-Za-z0-9][A-Za-z0-9_./-]*[A-Za-z0-9])"

    /// Words for what a value in code names when it is not a resource: a variable, an output, an
    /// environment variable, a column ("the variable `redis_auth_token`", "`DB_HOST` env var").
    static let notAResource = "(variables?|vars?|env(ironment)?( var(iable)?s?)?|outputs?|parameters? keys?|columns?|attributes?|fields?|headers?|arguments?|args?|propert(y|ies)|settings?|flags?|placeholders?|json keys?|keys? in|tags? keys?|files?|paths?|handlers?|modules?|locals?|input|secret keys?|tokens?)"

    /// The name a statement gives a component of `kind`, if any: only a value in a naming position
    /// (after "named", "called", the kind's noun, or opening a list item), never a variable,
    /// output or other identifier the text merely mentions.
    static func name(for kind: ComponentKind, in s: Statement, strict: Bool = false) -> String? {
        guard let n = candidate(for: kind, in: s, strict: strict) else { return nil }
        return namesResource(n, in: s.text) ? n : nil
    }

    /// Whether the first occurrence of `n` in the text names a resource rather than a variable,
    /// output, column or other identifier.
    static func namesResource(_ n: String, in text: String) -> Bool {
        let ns = text as NSString
        let r = ns.range(of: n)
        guard r.location != NSNotFound else { return true }
        let before = ns.substring(to: r.location).lowercased()
        let after = ns.substring(from: r.location + r.length).lowercased()
        if before.has("\\b" + notAResource + "\\s*(name(d|s)?|called)?\\s*(is|:|=|of)?\\s*[`\"“']?$") { return false }
        if after.has("^[`\"”']?\\s*(" + notAResource + ")\\b") { return false }
        return true
    }

    static func candidate(for kind: ComponentKind, in s: Statement, strict: Bool) -> String? {
        let t = s.text
        let cues = "(?:named|called|call it|name(?: of it)?|identifier|name tag|names?)"
        if kind == .queue && s.normalized.has("(dead[- ]letter queue|dlq)\\s*(name)?\\s*[:=]?\\s*[`\"“]") && s.text.matches(quoted).count == 1 { return nil }
        if let noun = KindRules.nameNoun[kind], let n = t.capture("(?i)\\b" + noun + "\\s*(?:name)?\\s*(?:is|:|=|,)?\\s*" + quoted), valid(n) { return n }
        if kind == .function, let n = t.capture("(?i)\\bjob\\s*:?\\s*" + quoted), valid(n) { return n }
        if let m = t.matches("(?i)\\b" + cues + "\\s*(?:is|:|=|-)?\\s*(?:something like\\s+)?" + quoted).first(where: { valid($0.groups[1]) && [kind, nil].contains(nearestKind(before: $0.offset, in: s)) }) { return m.groups[1] }
        if let m = t.matches("(?i)\\b(?:named|called|call it|name it|name(?: is)?:?|identifier(?: is)?:?)\\s+(?:something like\\s+)?" + bare).first(where: { valid($0.groups[1]) && $0.groups[1].has("[-_.0-9]") && [kind, nil].contains(nearestKind(before: $0.offset, in: s)) }) {
            return m.groups[1]
        }
        let stop = ["with", "for", "that", "which", "and", "to", "in", "of", "on", "is", "are", "the", "a", "an", "as", "from", "by", "should", "must", "will", "can", "it", "per", "only", "called", "named", "name", "policy", "key", "keys",
                    // What a thing has is not what it is called ("the Lambda timeout (6x)").
                    "timeout", "memory", "runtime", "handler", "role", "logs", "log", "permission", "permissions", "concurrency",
                    "version", "alias", "code", "package", "trigger", "schedule", "retention", "size", "limit", "arn", "url", "endpoint"]
        if let noun = KindRules.nameNoun[kind], let m = t.match("(?i)\\b" + noun + "\\s+([a-z][a-z0-9_.-]{2,62})(\\s*[(,;]|\\s*$)"), valid(m[1]), !stop.contains(m[1].lowercased()), !m[1].contains("."), kind != .instance, kind != .database {
            return m[1]
        }
        if strict { return nil }
        if s.shape == .bullet || s.shape == .prose, let n = t.capture("^" + quoted + "\\s*(?:[,(—–-]|$)"), valid(n) { return n }
        if kind == .container, let n = t.capture("(?i)^[^.]*?" + quoted + ",? (?:is )?containeri[sz]ed"), valid(n) { return n }
        return nil
    }

    /// The kind a quoted name at `offset` belongs to: a noun right after it ("`x` queue"), else the
    /// kind whose noun appears last before it (nil when none does).
    static func nearestKind(before offset: Int, in s: Statement) -> ComponentKind? {
        let rest = (String(s.text.utf16.dropFirst(offset)) ?? "").lowercased()
        if let m = rest.match("^[`\"“'][^`\"”']{1,255}[`\"”']\\s+(sqs queue|queue|s3 bucket|bucket|dynamodb table|table|sns topic|topic|lambda function|lambda|function|role|secret|repository|repo)s?\\b") {
            let noun = m[1]
            let map: [(String, ComponentKind)] = [("queue", .queue), ("bucket", .bucket), ("table", .dynamodb), ("topic", .topic), ("lambda", .function), ("function", .function), ("role", .role), ("secret", .secret), ("repo", .registry)]
            if let k = map.first(where: { noun.contains($0.0) }) { return k.1 }
        }
        // Words inside other names ("`orders-to-sqs` … `UPS`") are not the nouns a name belongs to.
        let prefix = (String(s.text.utf16.prefix(offset)) ?? "").lowercased().replacing(quoted, with: "``")
        var best: (Int, ComponentKind)? = nil
        for (kind, noun) in KindRules.nameNoun.sorted(by: { $0.key < $1.key }) {
            if let m = prefix.matches("\\b" + noun + "s?\\b").last, best == nil || m.offset > best!.0 { best = (m.offset, kind) }
        }
        for (kind, pattern) in [(ComponentKind.function, "\\blambda\\b"), (.topic, "\\bsns\\b"), (.queue, "\\bsqs\\b"), (.bucket, "\\bs3\\b"), (.network, "\\bvpc\\b"), (.cache, "\\b(redis|elasticache)\\b"), (.fileSystem, "\\befs\\b"), (.database, "\\b(rds|postgres(ql)?|mysql)\\b")] {
            if let m = prefix.matches(pattern).last, best == nil || m.offset > best!.0 { best = (m.offset, kind) }
        }
        return best?.1
    }

    /// All names listed in a statement ("names: `a` and `b`").
    static func names(in s: Statement) -> [String] {
        var found = s.text.matches(quoted).map { $0.groups[1] }.filter(valid)
        if found.isEmpty, let list = s.text.capture("(?i)\\b(?:names?|identifiers?)\\s*(?:are|:)?\\s*(?:something like\\s+)?(.*)$") {
            found = list.matches(bare).map { $0.groups[1] }.filter { valid($0) && $0.contains("-") }
        }
        return found
    }

    static func valid(_ n: String) -> Bool {
        !n.contains(" ") && n.count <= 255 && !n.hasPrefix("arn:") && !n.has("^(vpc|subnet|sg|i|ami)-[0-9a-f]+$") && !n.contains("*") && !n.hasPrefix("s3:") && !n.has("^[a-z]+:[A-Za-z]") && !n.has("\\.(zip|jar|html?|py|js|json|ya?ml|txt|csv|sh|tf)$")
    }

    /// A Terraform identifier derived from a name: lowercase letters, digits and underscores.
    static func identifier(_ name: String) -> String {
        var out = ""
        for ch in name.lowercased().unicodeScalars {
            if (ch >= "a" && ch <= "z") || (ch >= "0" && ch <= "9") { out.unicodeScalars.append(ch) }
            else if !out.hasSuffix("_") { out += "_" }
        }
        while out.hasSuffix("_") { out.removeLast() }
        while out.hasPrefix("_") { out.removeFirst() }
        if out.isEmpty { return "main" }
        if let f = out.unicodeScalars.first, f >= "0" && f <= "9" { out = "n" + out }
        return String(out.prefix(48))
    }
}

/// Finds asks that must be refused: other clouds, running commands, leaking credentials,
/// writing outside the stack, names that cannot be used verbatim.
enum RefusalReader {
    /// A policy that allows every action on every resource: `"Action": "*"` with `"Resource": "*"`, `*:*`.
    // ICU reads "[:" … ":]" as a character-class name: "[=:]" and "(?!\\w|:)" keep clear of it.
    static let wildcardPolicy = "\\*:\\*|\"\\*\"\\s*on\\s*\"\\*\"|\\baction\"?\\s*[=:]\\s*\"?\\*\"?[^.;]{0,60}\\bresources?\"?\\s*[=:]\\s*\"?\\*(?!\\w|:)|\\b(actions?|permissions?)\\s+\\*\\s+on\\s+(resources?\\s+)?\\*"

    static func refusals(in statements: [Statement]) -> [Diagnostic] {
        var out: [Diagnostic] = []
        func refuse(_ s: Statement, _ why: String) {
            if !out.contains(where: { $0.line == s.line && $0.message == why }) { out.append(Diagnostic(.error, line: s.line, why)) }
        }
        // An IAM user anywhere in the document makes "one access key for that user" a long-lived key.
        let documentHasIAMUser = statements.contains { $0.shape != .code && $0.normalized.has("\\biam users?\\b") && !$0.normalized.has("\\b(no|not|never|without|don't|do not|instead of)\\b[^.;]{0,25}\\biam users?") }
        for (i, s) in statements.enumerated() {
            let t = s.normalized
            if s.shape != .code {
                if !t.has(PolarityReader.contextCue + "|\\b(sits? on|runs? on|hosted on|lives? on|currently on|used to)\\b[^.]{0,20}\\b(azure|gcp|google|hetzner|digitalocean|linode|vultr)") && t.has("\\b(azure|azurerm|google_[a-z_]+|\\baks\\b|\\bgke\\b|gcp|google cloud|cloud run|cloud sql|bigquery|app engine|cosmos ?db|alibaba cloud|oracle cloud|digitalocean|hetzner|linode|vultr)\\b")
                    && !t.has("\\b(from|off|leaving|away from|instead of|not|no|never|don't|do not|migrat\\w*|moving|moved|unlike|rather than)\\b[^.,;]{0,25}\\b(azure|gcp|google cloud|digitalocean|hetzner|linode|vultr|oracle|alibaba)") {
                    refuse(s, "refused: this asks for infrastructure in another cloud; EZBuilt generates AWS only")
                }
                if t.has("\\b(local-exec|remote-exec|provisioners?|null_resource|terraform_data)\\b") && !t.has("\\b(no|not|never|without|don't) (\\w+ )?(local-exec|remote-exec|provisioners?)") {
                    refuse(s, "refused: running commands or provisioners from Terraform is not allowed")
                } else if t.has("\\brun(s|ning)? (our |a |the |this |that )?(script|command|shell|bash)[^.]*\\b(on|from) the (deployment|ci|build|terraform|deploy|ezbuilt) (server|machine|host|runner|box)") || t.has("\\b(on|during) every (terraform )?apply\\b.*\\b(script|command|run)") {
                    refuse(s, "refused: running commands on the deployment server is not allowed")
                }
                let leakVerb = "(print|prints|output|outputs|show|expose|copy|upload|send|email|paste|log|share|(?<!\\.)zip|exfiltrate|not marked sensitive)"
                let secretNoun = "(access key|secret access key|secret key|aws credentials|credentials|\\.aws\\b)"
                if t.has("\\b" + leakVerb + "\\b[^.]{0,60}\\b" + secretNoun + "|\\b" + secretNoun + "[^.]{0,60}\\b" + leakVerb + "\\b") && !s.normalizedContext.has(PolarityReader.negatedSection) && !t.has("\\b(never|don't|do not|no|not) (\\w+ ){0,2}(print|output|show|expose|copy|upload|send|log|share)") {
                    refuse(s, "refused: copying or exposing credentials is not allowed")
                }
                if t.has("\\b(upload|send|post|copy)s?\\b[^.]*https?://") && t.has("\\b(home directory|credentials|\\.aws|secrets?|keys?|zip)") {
                    refuse(s, "refused: sending data from the deployment server to an outside address is not allowed")
                }
                if t.has("\\b(write|put|save|place|output|generate|store)\\b[^.]*(terraform|output|files?|main\\.tf)[^.]*(\\.\\./|~/|/etc/|/usr/|/root/)") || t.has("\\.\\./[^\\s`]*\\.tf\\b") {
                    refuse(s, "refused: generated files are written only to the stack's terraform directory, never to another path")
                }
                if t.has("\\b(verbatim|exactly as (written|given|is)|as-is|use exactly|paste it|including the (quotes|braces))\\b") {
                    // The name follows in a code block or a quoted span; check it.
                    let next = statements.dropFirst(i + 1).first
                    if let code = next, code.shape == .code, code.text.has("[\"{}$\\n;`\\\\]|\\.\\./") {
                        refuse(code, "refused: the name the document insists on verbatim is not a valid AWS or Terraform name (quotes, braces, `${`, or line breaks); give a name of letters, digits and hyphens")
                    } else if s.text.has("[`\"][^`\"]*[{}$;\\\\][^`\"]*[`\"]") {
                        refuse(s, "refused: the name the document insists on verbatim is not a valid AWS name")
                    }
                }
                if t.has("\\b(ssh|port 22|rdp|3389)\\b[^.]*\\b(0\\.0\\.0\\.0/0|from anywhere|the (whole )?internet|everyone|the world)") && Values.opensToWorld(t) && !t.has("\\b(no|not|never|nobody|must not|mustn't|don't|do not|without)\\b") {
                    refuse(s, "refused: opening SSH or RDP to the whole internet is unsafe; name the addresses that need it or use SSM Session Manager")
                }
                if t.has("\\b(database|db|rds|postgres|mysql)\\b[^.]*\\b(publicly accessible|public(ly)? reachable|open to the internet|accessible from (the )?internet)") && !t.has("\\b(no|not|never|neither|nor|must not|mustn't|don't|do not|without)\\b") {
                    refuse(s, "refused: a publicly reachable database is unsafe; databases stay in private subnets")
                }
                if t.has("\\b(curl|wget)\\b.{0,200}?\\|\\s*(sudo\\s+)?(ba|z)?sh\\b") {
                    refuse(s, "refused: downloading and running remote scripts is not generated; bake the software into the image or use SSM documents you control")
                }
                let negated = "\\b(no|not|never|don't|do not|without|nobody|must not|mustn't)\\b"
                if t.has("\\b(delete|remove|wipe|destroy|terminate|empty)\\b[^.]{0,30}\\b(all|every|any|existing)\\b[^.]{0,30}\\b(buckets?|resources?|instances?|databases?|tables?|objects?|snapshots?|users?|roles?)\\b[^.]{0,40}\\b(account|region|organi[sz]ation|in aws)\\b") && !t.has(negated) {
                    refuse(s, "refused: acting on resources outside this stack (deleting or changing what already exists in the account) is out of scope")
                }
                if t.has("\\b(disable|turn off|stop|delete|remove|switch off)\\b[^.]{0,30}\\b(cloudtrail|guardduty|security hub|aws config|config recorder|access analyzer|macie)\\b") && !t.has("(don't|do not|never|not) (disable|turn off|stop|delete|remove)") {
                    refuse(s, "refused: turning off account security services is not allowed")
                }
                if t.has("\\b(mine|mining|miner)\\b[^.]{0,30}\\b(bitcoin|crypto|monero|ethereum|coins?)\\b|\\bcrypto ?mining\\b") {
                    refuse(s, "refused: cryptocurrency mining is not an allowed workload")
                }
                if t.has("\\b(iam users?|access keys?)\\b") && t.has("\\b(create|generate|issue|give|make|add|set up|provision|one|an|a new|\\d+)\\b") && t.has("\\b(access keys?|secret keys?|credentials|programmatic access)\\b") && !t.has(negated + "[^.]{0,30}(iam user|access key|credentials)") && (t.has("\\b(create|generate|issue|give|make|add|set up|provision)\\b") || documentHasIAMUser) {
                    refuse(s, "refused: long-lived IAM user access keys are not generated; use an IAM role the workload assumes")
                }
                if t.has("\\b(all ports|all traffic|any port|every port|0-65535|all protocols)\\b[^.]{0,40}(0\\.0\\.0\\.0/0|anywhere|the internet|everyone|the world)|\\b(0\\.0\\.0\\.0/0|anywhere|the internet)\\b[^.]{0,40}\\b(all ports|all traffic|any port|every port)\\b") && Values.opensToWorld(t) && !t.has(negated) {
                    refuse(s, "refused: opening all ports to the internet is unsafe; name the ports and sources that need access")
                }
                if t.has("\\b(output|print|show|expose|log|email|send)s?\\s+(it |them |out )?(the |a |our |their |his |her )?(master |admin |db |database |initial )?(password|secret value|private key)s?\\b") && !t.has(negated) && !t.has("secrets manager") {
                    refuse(s, "refused: secret values are never printed or exported by the generated code")
                }
                if (t.has("\\b(administratoraccess|admin(istrator)? access|full admin|all permissions|every permission|all actions on all resources|full access to everything)\\b") || t.has(RefusalReader.wildcardPolicy)) && !t.has("\\b(no|not|never|without|don't|do not|nothing)\\b[^.;]{0,30}\\b(admin|\\*|permission|actions?)") {
                    refuse(s, "refused: full administrator permissions are not granted; name the actions and resources that are needed")
                }
                if t.has("\\b(public(ly)?|anyone|everyone|the world)\\b[^.]*\\b(write|upload|put|delete)|\\b(write|upload|delete)[^.]*\\b(by|for|from) (anyone|everyone|the public)") && t.has("\\b(bucket|s3)\\b") && !t.has("\\b(no|not|never|nobody|don't|do not)\\b[^.]{0,25}\\b(public|anyone|everyone|upload|write)") {
                    refuse(s, "refused: a bucket anyone can write to is unsafe")
                }
                // A secret in a plain (String) SSM parameter, or in outputs that print it.
                let secretWord = "(?<![a-z])(secrets?|passwords?|tokens?|credentials?|api[ _-]keys?|access[ _-]keys?|secret[ _-]keys?|private[ _-]keys?|key[ _-]ids?)(?![a-z])"
                if t.has(secretWord) && t.has("\\b(ssm|parameter store|parameters?)\\b") && (t.has("\\b(type )?string\\b(?! ?list)|\\bplain ?text\\b|\\bunencrypted\\b") && (!t.has("securestring") || t.has("\\b(not|no|instead of|rather than|never)\\s+(an? )?securestring"))) {
                    refuse(s, "refused: a secret is never stored in a plain String SSM parameter; use a SecureString parameter (or Secrets Manager) that only its readers can decrypt")
                }
                if t.has(secretWord) && t.has("\\boutputs?\\b") && t.has("\\b(plain|non-?sensitive|not (marked )?sensitive|unmasked|in clear ?text|cleartext|sensitive\\s*=\\s*false|so (they|it) prints?)\\b") {
                    refuse(s, "refused: secret values are never written to Terraform outputs, where the plan, the state and the pipeline log show them")
                }
                if t.has("\\b(disable|turn off|switch off|without|no)\\b[^.]{0,20}\\bencryption\\b") && !t.has("(don't|do not|never|not) (disable|turn off)") && !t.has("without (any )?encryption (key|keys)") {
                    refuse(s, "refused: encryption at rest cannot be turned off; every data store is encrypted")
                }
                if (t.has("\\b(hard-?code|put|store|write|set|pass)\\b[^.]*\\b(password|secret|api key|token)\\b[^.]*\\b(in (the )?(code|terraform|repo|repository|tfvars|plain ?text|user ?data|script|environment variables?|outputs?|tags?))") || t.has("\\b(password|secret|token)\\b\\s*(is|=|:)\\s*[\"“'`][^\"”'`\\s]{6,}[\"”'`]")) && !t.has("\\b(no|not|never|don't|do not|without)\\b[^.]{0,25}(password|secret|put|store|write)") {
                    refuse(s, "refused: secret values are never written into generated code or state")
                }
            }
        }
        return out
    }
}
