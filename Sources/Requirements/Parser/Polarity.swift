/// How a mention of a component is meant: build it, use an existing one, do not build it,
/// or merely talk about it (background, the current state).
enum Polarity: Equatable { case create, existing, negated, context }

/// Reading negation, existence and background from the words around a mention.
enum PolarityReader {
    static let negatedSection = "\\b(out of scope|not in scope|non-goals?|not wanted|explicitly not|(do not|don't|we won't|will not) (want|need|build|create|add|include)|deferred|postponed|phase 2|later phase|future|not needed|not required|won't do|excluded|exclusions|not in (this|the|our) (story|ticket|change|request|release|phase|iteration|sprint|pr|pull request|scope|project)|not part of (this|the)|not included|not covered)\\b"
    static let existingSection = "\\b(pre-?existing|existing|already (exists?|have|there)|exists today|what exists|current state|do not create or modify|don't create or modify)\\b"
    static let negationBefore = "\\b(no|not|nothing|not yet|don't|dont|do not|does not|doesn't|never|without|nor|remove|removed|drop|instead of|rather than|avoid|skip|exclude|no need for|won't|will not|isn't|aren't|neither|none of|stop using|get rid of)\\b"
    static let negationAfter = "\\b(not needed|not required|not wanted|out of scope|not in scope|is overkill|overkill|not part of|later|in phase 2|isn't needed|aren't needed|too expensive|not good|not necessary|unnecessary|no longer|deferred|postponed|not now|not yet|(do not|don't) (add|build|create|include) (it|them|this|that|yet)|goes away|go away|(is|are|will be|gets?) (retired|decommissioned|removed|deleted|dropped)|is going away)\\b"
    static let sentenceNegation = "^\\W*[a-z][a-z /-]{0,30}:\\s*(none|n/a|no|not needed|nope|-)\\W*$|\\b(not (part of|in) (this|the) (request|ticket|change|scope|story|release|phase|iteration|sprint|project)|by ourselves? later|we will (add|put|do) [^.]* later|comes? in phase 2)\\b"
    static let existingCue = "\\b(existing|already exists?|already there|already have|pre-?existing|exists already|owned by (another|the other|a different) team|(don't|do not) create (it|them|this)|our own golden|which exists?|that exists?)\\b|\\b(vpc|subnet|sg|i|ami|igw|nat|rtb|vol|eni)-[0-9a-f]{6,}\\b|arn:aws"
    static let existingBefore = "\\b(existing|pre-?existing|already[- ]existing|our current|the current|already (have|own|run|use|got)( an?| the| our)?|there('s| is) already( an?)?)\\s+((?!(on|in|to|for|from|with|of|and|or|at|by)\\b)\\S+\\s+){0,3}[`\"“']?$"
    /// An id right after the mention names it ("the VPC vpc-0abc"); an id after a preposition is
    /// where it sits or what reaches it ("MySQL port from sg-0abc", "a database in vpc-0abc").
    static let existingAfter = "^\\W*(\\S+\\W+){0,4}?((that|which) (another|the other|a different|their|the \\S+) team|(launched|created|managed|owned|run|built) by (another|the other|a different|their|the \\S+) team|already exists?|exists already|(is|are) already there|already have|owned by (another|the other|a different|the \\S+) team|(don't|do not) create (it|them|this)|(which|that) exists?|(is|are) already (deployed|running|live|in place|provisioned|issued|set up|created|managed)|already (deployed|running|live|provisioned|issued|in place|runs?|serves?|hosts?)|(is|are) (deployed|managed|owned|run) by (the|another|a different|their|our) \\S+ (team|squad|group|pipeline)|(must|should|shall) not be (created|recreated|redeployed|replaced|modified)|(which|that) (already )?(runs?|lives?|sits?|is hosted|is running) (on|in) our\\b|(owns|manages|creates|deploys|provisions) (it|them|this|that|those)\\b)\\b"
    static let existingAfterID = "^\\W*((?!(from|to|into|in|via|behind|through|on|for|with|and|or|reaches?|reached)\\b)\\S+\\W+){0,2}?[`\"“]?(?:(vpc|subnet|sg|i|ami|igw|rtb)-[0-9a-f]{6,}|(arn):aws)"
    /// The words an id of each family can name: a security group id does not name the servers it guards.
    static let idFamilies: [String: String] = [
        "vpc": "\\b(vpcs?|networks?)\\b", "subnet": "\\bsubnets?\\b", "sg": "\\b(security groups?|sgs?|firewalls?)\\b",
        "i": "\\b(instances?|servers?|box(es)?|vms?|machines?|hosts?|bastions?|ec2)\\b", "ami": "\\b(amis?|images?)\\b",
        "igw": "\\b(internet gateways?|igws?)\\b", "rtb": "\\broute tables?\\b", "arn": ".",
    ]
    /// Whether an id right after the mention names it ("the VPC vpc-0abc", "box `i-0abc`").
    static func namedByID(_ text: String, mentioned: String) -> Bool {
        guard let m = text.match(existingAfterID) else { return false }
        let family = !m[4].isEmpty ? m[4] : m[3]
        return idFamilies[family].map { mentioned.has($0) } ?? false
    }
    /// "Out of scope: A, B", "Explicitly NOT wanted — X", "Things we do not want: Y": a list of things ruled out.
    static let ruledOutList = "^\\W*([a-z]+\\W+){0,3}?(out of scope|not in scope|not needed|not wanted|not required|non-goals?|excluded|exclusions|won't do|not now|not in this (change|ticket|request)|later|phase 2|future work|explicitly not( wanted| needed)?|deferred|(do not|don't) (want|need|build|create|add|include)|not (to be )?(built|created|included))\\W{0,3}\\s*[:—–-]"
    /// A statement about watching things, and the words for what is measured.
    static let monitoring = "\\b(dashboards?|widgets?|graphs?|alarms?|alerts?|monitor(s|ing)?|watch(es|ing)?|metrics?|showing|shows|plots?)\\b"
    static let metricWord = "(cpu|memory|utili[sz]ation|errors?|5xx|4xx|latency|duration|throttl\\w*|invocations|request count|response time|metrics?|queue depth|backlog|connections|free storage)\\b"
    static let existingList = "^\\W*([a-z']+\\W+){0,8}?(already exists?|exist already|already (there|deployed|in place|running)|(do not|don't) (create|recreate|touch)( them| these| those)?|(only )?reference (them|these|those)( only| by name)?)\\b[^:]{0,60}:"
    static let referenceSection = "\\b(for reference|v1|today|current state|as-is)\\b"
    static let contextCue = "\\b(right now|currently|up until now|until now|at the moment|used to|in the past|previously|legacy|was fine|old vm|today we|someone on the team (liked|asked)|there was a discussion|came up)\\b"

    static let consumer = "\\b(for|used by|by|from) (our|their) (?!new\\b)(\\S+\\s+){0,3}$"
    static let contrast = "\\b(but|however|instead|though|although|yet|whereas|while)\\b"
    static let clauseVerb = "\\b(is|are|was|were|be|been|need|needs|want|wants|should|must|will|can|could|would|please|create|add|use|keep|make|give|run|runs|have|has|get|gets|don't|do|does|we|i|you|they|it|which|that|so|because)\\b"
    static let question = "^\\W*(should|shall|do|does|did|is|are|was|were|why|what|how|where|when|who|which|would it|could it|is there|are there|any reason)\\b[^?]*\\?\\W*$"
    static let quantifier = "\\b(every|each|all( of)?( our| the)?|any of (our|the))\\s+(\\S+\\s+){0,6}$|\\b(every|each|all)\\s+(\\S+\\s+){0,3}[^,]*,\\s*(\\S+\\s+){0,4}$"

    /// The clause that opens the list the clause starting at `clauseStart` belongs to, when that
    /// clause is a bare list item (no verb of its own) after a comma; nil otherwise.
    static func listHead(_ t: String, clauseStart: Int) -> String? {
        let u = Array(t.utf16)
        guard clauseStart > 0, clauseStart <= u.count, u[clauseStart - 1] == 44 else { return nil }
        let item = String(decoding: u[clauseStart..<min(u.count, clauseStart + 60)], as: UTF16.self).prefix { $0 != "," && $0 != "." && $0 != ";" }
        if String(item).has(clauseVerb) || String(item).has(contrast) { return nil }
        var end = clauseStart - 1
        let stops: Set<UInt16> = Set(".;:!?()[]—–\n".utf16)
        while end > 0 {
            var start = end
            while start > 0 && u[start - 1] != 44 && !stops.contains(u[start - 1]) { start -= 1 }
            let segment = String(decoding: u[start..<end], as: UTF16.self)
            if segment.has(clauseVerb) || start == 0 || stops.contains(u[start - 1]) { return segment.has(clauseVerb) ? segment : nil }
            end = start - 1
        }
        return nil
    }

    /// Services named in ARNs, by the words that mention their resources.
    static let arnServices: [(words: String, service: String)] = [
        ("lambda|function", "lambda"), ("bucket|s3", "s3"), ("queue|sqs|dlq", "sqs"), ("topic|sns", "sns"), ("table|dynamo", "dynamodb"),
        ("key|kms|cmk", "kms"), ("secret", "secretsmanager"), ("role|iam", "iam"), ("certificate|cert|acm|tls|ssl", "acm"),
        ("file system|efs", "elasticfilesystem"), ("database|db|rds|postgres|mysql|aurora", "rds"), ("repository|repo|ecr", "ecr"),
        ("state machine|workflow|step function", "states"), ("stream|kinesis", "kinesis"), ("user pool|cognito", "cognito-idp"),
    ]

    /// Whether the mention is followed, in the same sentence and before any other mention of its
    /// kind, by the ARN of a resource of its service: an ARN names something that exists.
    static func namedByARN(_ t: String, mentioned: String, end: Int) -> Bool {
        guard let service = arnServices.first(where: { mentioned.has("\\b(" + $0.words + ")") })?.service else { return false }
        let rest = String(String(t.utf16.dropFirst(min(t.utf16.count, end))) ?? "").prefix(140)
        let sentence = String(rest.prefix { $0 != ";" && $0 != "\n" }).replacingOccurrences(of: "\\.\\s", with: "\n", options: .regularExpression).prefix { $0 != "\n" }
        return Values.arns(in: String(sentence)).contains { $0.service == service }
    }

    /// Splits text into clauses, returning the clause containing `offset`.
    static func clause(_ text: String, at offset: Int, length: Int) -> (before: String, after: String) {
        let u = Array(text.utf16)
        let boundaries: Set<UInt16> = Set(".;:!?()[]—–\n".utf16)
        var start = offset
        while start > 0 {
            let c = u[start - 1]
            if boundaries.contains(c) && !(c == 46 && start < u.count && start - 2 >= 0 && isWordChar(u[start - 2]) && isWordChar(u[start])) { break }
            if c == 44 { break }  // comma
            start -= 1
        }
        var end = min(u.count, offset + length)
        while end < u.count {
            let c = u[end]
            if boundaries.contains(c) && !(c == 46 && end + 1 < u.count && end > 0 && isWordChar(u[end - 1]) && isWordChar(u[end + 1])) { break }
            if c == 44 { break }
            end += 1
        }
        let before = String(decoding: u[start..<offset], as: UTF16.self)
        let after = String(decoding: u[min(u.count, offset + length)..<max(end, min(u.count, offset + length))], as: UTF16.self)
        return (before, after)
    }

    static func isDigit(_ c: UInt16) -> Bool { c >= 48 && c <= 57 }
    /// A letter, digit, hyphen or underscore: a period between two of them is inside a name
    /// ("example.com", "python3.12"), not the end of a clause.
    static func isWordChar(_ c: UInt16) -> Bool { isDigit(c) || (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c == 45 || c == 95 }

    /// Polarity of a mention at `offset` in the statement.
    static func polarity(of statement: Statement, offset: Int, length: Int) -> Polarity {
        let t = statement.normalized
        let (before, after) = clause(t, at: offset, length: length)
        let wide = String(t.utf16.dropFirst(min(t.utf16.count, offset + length)).prefix(80)).map { String($0) } ?? ""
        let afterWide = String(wide.prefix { $0 != "." && $0 != ";" })
        if before.has(negationBefore) || after.has("^[^,]*?" + negationAfter) { return .negated }
        // A list item ("we don't need a cluster, a subnet group or any new roles") takes the
        // polarity of the clause that opens the list.
        let head = listHead(t, clauseStart: offset - before.utf16.count)
        if let head, head.has(negationBefore) && !head.has(contrast) { return .negated }
        // A question ("should we add a Lambda?") asks, it does not ask for.
        if t.has(question) { return .context }
        // "Out of scope: A, B, C" / "Not needed — X": a list of things ruled out.
        if t.has(ruledOutList) && offset > (t.matches(ruledOutList).first.map { $0.offset } ?? Int.max) { return .negated }
        if t.has(sentenceNegation) { return .negated }
        // "These already exist, only reference them: Lambda `x`, table `y`": a list of things that are there.
        if let m = t.matches(existingList).first, offset >= m.offset + m.groups[0].utf16.count { return .existing }
        // The state a migration leaves behind is background, not an ask.
        if statement.era == .before { return .context }
        // "alarm when the RDS instance `prod-db` ..." watches something that exists.
        let mentioned = String(t.utf16.dropFirst(offset).prefix(length)) ?? ""
        if !mentioned.has("sns|topic|alarm|alert") && t.has("\\b(alarm|alert|notify|page|monitor|watch)") && before.has("\\b(the|our)\\s+(\\S+\\s+){0,2}$") && after.has("^\\s*(instance\\s+)?[`\"“]") && !t.has("\\b(create|new|add)\\b") { return .existing }
        // What a dashboard or an alarm watches is talked about, not asked for: "the p95 response time
        // of our load balancer", "ECS CPU and memory utilisation for service x" (built only when
        // another statement asks for it).
        if !mentioned.has("sns|topic|alarm|alert|dashboard|log group") && t.has(monitoring) && !before.has("\\b(create|new|add|build|provision|deploy)\\b")
            && (before.has("\\b(of|for|on|from|in)\\s+(our|the|their|that|this|its)\\s+(\\S+\\s+){0,2}$") || after.has("^\\s*" + metricWord)) {
            return .context
        }
        if statement.normalizedContext.has(negatedSection) && !statement.normalizedContext.has(existingSection) { return .negated }
        if before.has(existingBefore) || after.has(existingAfter) || afterWide.has(existingAfter) { return .existing }
        if namedByID(after, mentioned: mentioned) || namedByID(afterWide, mentioned: mentioned) { return .existing }
        if namedByARN(t, mentioned: mentioned, end: offset + length) { return .existing }
        // "a file system for our render workers (ECS on Fargate)": who it is for is already there;
        // a parenthesis describes the words before it.
        let clauseStart = offset - before.utf16.count
        let opener = clauseStart > 0 ? String(t.utf16.prefix(clauseStart - 1).suffix(80)).map { String($0) } ?? "" : ""
        let described = clauseStart > 0 && t.utf16[t.utf16.index(t.utf16.startIndex, offsetBy: clauseStart - 1)] == 40 ? opener + " " : ""
        if described.has(consumer) || before.has(consumer) { return .context }
        // "invoke only those two Lambda functions": it points back at something
        // named before, which asked (or not) for itself.
        if before.has("\\b(those|these|both of (those|these))\\s+(\\d+\\s+)?(\\S+\\s+)?$") { return .context }
        // "every production database and file system is backed up": a set of things that are there.
        if ((head.map { $0 + ", " } ?? "") + before).has(quantifier) { return .context }
        // "…, which we'll create ourselves — please don't create it": the cue belongs to the last thing named before it.
        if let cue = t.matches("\\b((don't|do not) (try to )?create (it|them|this|that)|we('ll| will) create (it|them) ourselves|already exists?|exists already)\\b").first, cue.offset > offset {
            var nearest: (offset: Int, pattern: String)? = nil
            for (_, pattern) in KindRules.mention {
                if let m = t.matches(pattern).last(where: { $0.offset < cue.offset }), nearest == nil || m.offset > nearest!.offset { nearest = (m.offset, pattern) }
            }
            let mine = KindRules.mention.first { p in t.matches(p.1).contains { $0.offset >= offset && $0.offset < offset + max(length, 1) } }?.1
            if let nearest, let mine, nearest.pattern == mine { return .existing }
        }
        if statement.normalizedContext.has(existingSection) {
            return statement.normalizedContext.has(referenceSection) ? .context : .existing
        }
        if t.has(contextCue) { return .context }
        return .create
    }
}

import Foundation
