import Foundation

/// Finds what the compiler must ask about instead of guessing: decisions left open, constraints
/// that contradict each other, embedded Terraform or shell text, secrets pasted into the
/// document. Each finding is a refusal naming its lines; a secret is never quoted.
enum AskReader {
    /// "X or Y, whatever is best", "you pick", "up to you", "we haven't decided".
    static let delegation = Patterns.compile("\\b(whatever (is|you think is|works) (best|better|fine)|whichever (is )?(good|best|better|cheaper|you (like|prefer|think))|you (pick|choose|decide)|your (call|choice|pick)|up to you|(we )?(haven't|have not|didn't|did not) decided?( yet)?|not sure which|we don't know which|surprise us|dealer's choice)\\b")
    static let alternatives = Patterns.compile("\\b[\\w.-]+\\s+or\\s+[\\w.-]+|\\b(somewhere|any region|some region|anywhere) in\\b")
    static let multiAZ = Patterns.compile("\\b(multi-az|multi az|across (two|2|three|3|multiple|several) (azs|availability zones|data cent(re|er)s)|(synchronous )?standby in (a )?(separate|different|another) (az|availability zone|data cent(re|er)))\\b")
    static let singleAZ = Patterns.compile("\\b(only (in|one|a single) (az|availability zone)|one (az|availability zone) only|(only|must) [^.;]{0,30}\\b(that|this|the) single (az|availability zone)|(live|placed|run|be) only in [a-z]{2}-[a-z]+-\\d[a-z]|nothing (may|can|should) (be )?(placed|run|live) in [a-z]{2}-[a-z]+-\\d[a-z])\\b")
    static let memoryNeed = Patterns.compile("\\b(must|needs?|requires?|at least|minimum|has to|should) (have )?[^.;]{0,20}\\d+(\\.\\d+)?\\s*(gb|gib)\\b[^.;]{0,10}\\b(ram|memory)\\b|\\b(ram|memory)\\b[^.;]{0,20}\\b(at least|minimum|must be|of)\\s*\\d+")
    static let terraformText = Patterns.compile("\\b(resource|data|provider|module|provisioner)\\s+\"[a-z0-9_-]+\"|\\$\\{\\s*(file|templatefile|env|var|local)\\b|\\blocal-exec\\b|\\bnull_resource\\b")
    static let shellText = Patterns.compile("^\\s*#!\\s*/|(^|[\\s;&|])(curl|wget|sudo|rm -rf|chmod|bash|sh -c|eval|nc|scp)\\s|\\$\\(|`[^`]*\\b(curl|wget|bash)\\b")
    static let passwordLiteral = Patterns.compile("\\b(password|passwd|pwd)\\b\\s*(is|=|:)?\\s*[`\"“']?([^\\s`\"”',;()]{8,})")
    static let databaseWord = Patterns.compile("\\b(database|db|rds|postgres(ql)?|mysql|mariadb|aurora|sql server)\\b")
    static let publicDatabase = Patterns.compile("\\bpublicly[ _]accessible\\s*[:=]?\\s*(yes|true|on|enabled)\\b|\\b(5432|3306|1433|1521|27017)\\b[^.;]{0,30}\\b(0\\.0\\.0\\.0/0|anywhere|the (whole )?internet)|\\b(0\\.0\\.0\\.0/0|anywhere)\\b[^.;]{0,30}\\b(5432|3306|1433|1521|27017)\\b")

    static func questions(in statements: [Statement]) -> [Diagnostic] {
        var out: [Diagnostic] = []
        func ask(_ line: Int, _ text: String) {
            if !out.contains(where: { $0.line == line && $0.message == text }) { out.append(Diagnostic(.error, line: line, text)) }
        }
        // Decisions left open.
        for s in statements where s.shape != .code && s.shape != .heading {
            if delegation.test(s.normalized) && alternatives.test(s.normalized) {
                ask(s.line, "refused: a decision is left open here (\(summary(s))); EZBuilt does not guess: state which one you want")
            }
        }
        // Memory asked for that the named instance class does not have.
        var sections: [String: [Statement]] = [:]
        for s in statements where s.shape != .code { sections[s.context.first.map { _ in s.context.joined(separator: "/") } ?? "", default: []].append(s) }
        for (_, group) in sections {
            guard let classStatement = group.first(where: { !Values.instanceClasses(in: $0.normalized).isEmpty }),
                  let klass = Values.instanceClasses(in: classStatement.normalized).first else { continue }
            for s in group where memoryNeed.test(s.normalized) {
                guard let need = Values.memoryGiB(in: s.normalized), need > klass.memoryGiB * 1.1 else { continue }
                ask(s.line, "refused: line \(classStatement.line) asks for \(klass.name) (\(format(klass.memoryGiB)) GiB of memory) but line \(s.line) needs \(format(need)) GB; choose a larger class or a smaller requirement")
            }
        }
        // Multi-AZ with everything in one AZ.
        if let multi = statements.first(where: { $0.shape != .code && multiAZ.test($0.normalized) && PolarityReader.polarity(of: $0, offset: 0, length: 0) != .negated && !$0.normalized.has("\\b(no|not|without|don't|do not)\\b[^.;]{0,20}multi") }),
           let single = statements.first(where: { $0.shape != .code && singleAZ.test($0.normalized) }) {
            ask(single.line, "refused: line \(multi.line) asks for Multi-AZ (a standby in another availability zone) but line \(single.line) allows only one availability zone; both cannot hold")
        }
        // A database opened to the internet, or a password written into the document.
        let mentionsDatabase = statements.contains { databaseWord.test($0.normalized) }
        // Only traffic coming in counts: "outbound 443 to anywhere" is how a private function reaches AWS APIs.
        func opensDatabase(_ t: String) -> Bool {
            publicDatabase.all(in: t).contains { m in
                m.groups[0].lowercased().has("publicly[ _]accessible") || Values.opensToWorld(t, within: NSRange(location: m.offset, length: (m.groups[0] as NSString).length))
            }
        }
        for s in statements where s.shape != .code && mentionsDatabase && opensDatabase(s.normalized) && !s.normalizedContext.has(PolarityReader.negatedSection) {
            ask(s.line, "refused: this opens the database to the internet; databases stay in private subnets, reachable only from named networks or security groups (use a VPN or bastion for people at home)")
        }
        for s in statements where s.shape != .code {
            for m in passwordLiteral.all(in: s.text) {
                let value = m.groups[3]
                guard value.has("\\d") || value.has("[^A-Za-z0-9_-]"), !value.has("^(\\$\\{|\\{\\{|var\\.|<|arn:|https?:)"), !value.lowercased().has("^(managed|generated|stored|rotated|from|in|via|set|kept|random|none|n/a)") else { continue }
                ask(s.line, "refused: a secret value is written in the document (not repeated here); secrets are never put into generated code or state: remove it, rotate it, and let the service manage it (for example RDS-managed master passwords)")
                break
            }
        }
        // Terraform or shell text to paste into the output.
        for s in statements {
            let text = s.shape == .code ? s.text : s.text.replacing("^[^`]*", with: "")
            if terraformText.test(text) || (s.shape == .code && shellText.test(text)) {
                ask(s.line, "refused: this contains Terraform or shell text to copy into the generated code; EZBuilt never embeds hand-written Terraform or commands: describe the outcome you need instead")
            }
        }
        // A name that cannot be used as written: say so rather than use a fragment of it.
        for s in statements where s.shape != .code && s.shape != .tableRow && (nameCue.test(s.normalized) || nameCue.test(s.context.last?.lowercased() ?? "")) {
            for m in s.text.matches("`([^`]{1,300})`") where m.groups[1].has("[\"'{}$;\\\\<>|]|\\s") && !m.groups[1].has("^(s3://|arn:|https?://|/)") {
                ask(s.line, "refused: the name given here contains spaces, quotes, braces or other characters no AWS resource name may contain; give a name of letters, digits and hyphens")
                break
            }
        }
        return out
    }

    static let nameCue = Patterns.compile("\\b(named|called|identifier|name (it|them)|name is|names? (must|should) be|copy it exactly|exactly as (written|given|is)|verbatim)\\b|\\bname\\s*[:=]\\s*`")

    /// A short description of a statement without quoting values that might be secrets.
    static func summary(_ s: Statement) -> String {
        let t = s.text.count > 80 ? String(s.text.prefix(77)) + "..." : s.text
        return "\"" + redact(t) + "\""
    }

    /// Text with the value after a password, secret, token or key word replaced, so a
    /// diagnostic never repeats a credential.
    static func redact(_ text: String) -> String {
        text.replacing("(?i)\\b(password|passwd|pwd|secret|token|api[ _-]?key|access[ _-]?key|private[ _-]?key)(s)?(\\s*(is|=|:|of|to))?\\s*[`\"“']?[^\\s`\"”',;)]{4,}[`\"”']?", with: "$1$2$3 [redacted]")
    }

    static func format(_ v: Double) -> String { v == v.rounded() ? String(Int(v)) : String(format: "%.1f", v) }
}
