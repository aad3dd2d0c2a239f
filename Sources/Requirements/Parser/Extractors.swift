import Foundation

/// Reads the details of one statement into the component it is about.
enum Extractors {
    static let cidr = "\\b(\\d{1,3}(?:\\.\\d{1,3}){3}/\\d{1,2})\\b"
    static let az = "\\b([a-z]{2}-[a-z]+-\\d[a-z])\\b"
    static let sgID = "\\b(sg-[0-9a-f]{6,})\\b"
    static let subnetID = "\\b(subnet-[0-9a-f]{6,})\\b"

    /// Applies every reader for the component's kind; returns whether anything was read.
    static func extract(into c: inout Component, from s: Statement, index: Int, interpreter: Interpreter) -> Bool {
        var r = Reader(c: c, s: s)
        // A name read loosely (not after "named", "called" or the kind's noun) that the kind cannot
        // take is some other identifier, not this component's name.
        if c.name == nil, let n = NameReader.name(for: c.kind, in: s), !(c.kind == .queue && s.normalized.has("\\b(dlq|dead[- ]letter)")),
           NameReader.name(for: c.kind, in: s, strict: true) == n || AWSNames.sanitize(n, for: c.kind).lowercased() == n.lowercased() {
            r.c.name = Sourced(n, line: s.line); r.hit = true
        } else if s.era == .after, let old = c.name, old.line < s.line, let n = NameReader.name(for: c.kind, in: s, strict: true), n.lowercased() != old.value.lowercased() {
            // The state a migration moves to names the new component ("identifier `orders-aurora`").
            r.c.name = Sourced(n, line: s.line); r.hit = true
        }
        switch c.kind {
        case .network: r.network()
        case .bucket: r.bucket()
        case .staticSite: r.site(); r.bucket()
        case .instance: r.compute(); r.instance()
        case .webTier: r.compute(); r.webTier()
        case .database: r.database()
        case .dynamodb: r.dynamodb()
        case .queue: r.queue()
        case .topic: r.topic()
        case .function: r.function()
        case .httpApi: r.httpApi()
        case .container: r.container()
        case .registry: r.registry()
        case .cache: r.cache()
        case .key: r.key()
        case .secret: r.secret()
        case .alarm: r.alarm()
        case .fileSystem: r.fileSystem()
        case .role: r.role()
        }
        if c.ownership == .existing, r.hit == false, NameReader.name(for: c.kind, in: s) != nil { r.hit = true }
        c = r.c
        return r.hit || interpreter.mentions[index].contains { $0.kind == c.kind }
    }
}

/// Helpers to read one statement into one component.
struct Reader {
    var c: Component
    let s: Statement
    var hit = false
    var t: String { s.normalized }
    var o: String { s.text }

    mutating func put(_ key: String, _ value: PropertyValue) {
        // The first reading stands unless a later statement says it changes the value ("make that
        // …", "bump it to …", "standard then") or belongs to the change after a previous version;
        // sibling details in one list never override each other.
        if let old = c.properties[key], old.line >= s.line || !Reader.overrides(s) { hit = true; return }
        c.set(key, value, line: s.line)
        hit = true
    }
    static let overrideCue = "\\b(make (that|it)|instead|actually|rather|change(d)? (it |that |this )?to|bump(ed)?|increase[ds]?|raise[ds]?|reduce[ds]?|lower(ed)?|decrease[ds]?|switch(ed)?|update[ds]?|no longer|any ?more|drop(ped)?|remove[ds]?|then\\W*$)\\b"
    static let changeSection = "\\b(change|changes|changed|after|update|updated|new version|what changes|to be|target|requested changes?)\\b"
    /// Whether a statement changes values read before it (see `put`).
    static func overrides(_ s: Statement) -> Bool { s.era == .after || (s.era != .before && (s.normalized.has(overrideCue) || s.normalizedContext.has(changeSection))) }
    /// Whether two differing values read from this statement and an earlier one contradict each
    /// other: not when this one changes the earlier one, nor in a migration (old and new state).
    static func contradicts(_ s: Statement) -> Bool { s.era == .present && !overrides(s) }
    static let publicRead = "\\b(public(ly)?[- ]?(read(able)?|accessible|downloadable|visible)|public-read|world[- ]readable|(anyone|everyone|the public) (on the internet )?(can|may|should be able to|must be able to) (read|download|see|view|get|fetch)|open to the (public|world|whole internet))\\b"
    static let replacement = "\\b(make (that|it)|instead|rather|change (that|it) to|replace (that|it)|switch (that|it) to|not (me|him|her|them|that one)\\b)"
    mutating func putString(_ key: String, _ value: String?) { if let value { put(key, .string(value)) } }
    mutating func putInt(_ key: String, _ value: Int?) { if let value { put(key, .int(value)) } }
    mutating func append(_ key: String, _ values: [String]) {
        guard !values.isEmpty else { return }
        // "make that X", "X instead", "replace it with X": the new values replace the old ones.
        var list = c.properties[key] != nil && c.properties[key]!.line < s.line && t.has(Reader.replacement) ? [] : c.strings(key)
        for v in values where !list.contains(v) { list.append(v) }
        c.set(key, .strings(list), line: c.properties[key]?.line ?? s.line)
        hit = true
    }
    /// Sets a yes/no flag from a phrase: negated phrases set false.
    mutating func flag(_ key: String, _ pattern: String) {
        for m in t.matches(pattern) {
            let (before, after) = PolarityReader.clause(t, at: m.offset, length: m.groups[0].utf16.count)
            let negative = before.has(PolarityReader.negationBefore) || after.has("^[^,]*?(" + PolarityReader.negationAfter + "|\\b(off|disabled|false|no)\\b)")
            let positive = after.has("^\\W*(on|enabled|true|yes)\\s*($|[,.;:)!—–-])")
            put(key, .bool(positive || !negative))
            return
        }
    }
    func int(_ pattern: String, _ group: Int = 1) -> Int? { t.capture(pattern, group).flatMap { Int($0) } }
    func days(_ anchor: String) -> Int? { Quantities.firstDays(in: t, after: anchor) }
    func seconds(_ anchor: String) -> Int? { Quantities.firstSeconds(in: t, after: anchor) }
    var ids: (vpc: String?, subnets: [String], sgs: [String]) {
        (o.capture("\\b(vpc-[0-9a-f]{6,})\\b"), o.matches(Extractors.subnetID).map { $0.groups[1] }, o.matches(Extractors.sgID).map { $0.groups[1] })
    }

    // MARK: network

    mutating func network() {
        if let vpc = ids.vpc { putString("vpcId", vpc) }
        // Subnet ids: public when the nearest tier word before them says so.
        for m in o.matches(Extractors.subnetID) {
            let before = (String(o.utf16.prefix(m.offset)) ?? "").lowercased()
            let pub = before.range(of: "public", options: .backwards), priv = before.range(of: "private", options: .backwards)
            let isPublic = pub != nil && (priv == nil || pub!.lowerBound > priv!.lowerBound)
            append(isPublic ? "publicSubnetIds" : "privateSubnetIds", [m.groups[1]])
        }
        if let cidr = t.capture("(?:vpc|network)[^.;]*?" + Extractors.cidr) ?? (t.has("\\bcidr\\b") && !t.has("subnet") ? t.capture(Extractors.cidr) : nil),
           !t.has("(from|to|allow|only|reach|access)\\W+(\\w+\\W+){0,2}" + NSRegularExpression.escapedPattern(for: cidr)) { putString("cidr", cidr) }
        let azs = t.matches(Extractors.az).map { $0.groups[1] }
        if !azs.isEmpty && !t.has("\\bsubnet-") { append("azs", azs) }
        putInt("azCount", int("\\b(\\d+) (availability zones?|azs?)\\b") ?? int("across (\\d+) (availability zones?|azs?)"))
        if (t.has("\\bsubnets?\\b|\\btiers?\\b|per az") || s.normalizedContext.has("\\b(subnets?|tiers?)\\b")) && !t.has("subnet-") {
            if t.has("\\bpublic\\b") { put("public", .bool(true)) }
            if t.has("private[- ]app|\\bapp(lication)? (subnet|tier)|private subnet|\\bprivate\\b") { put("private", .bool(true)) }
            if t.has("private[- ]data|\\bdata (subnet|tier)|isolated|database subnet|\\bdb subnet") { put("data", .bool(true)) }
        }
        for (tier, word) in [("publicMask", "public"), ("privateMask", "private[- ]app|\\bapp\\b|private"), ("dataMask", "data|isolated")] {
            if let mask = t.capture("(?:" + word + ")[^.;:]*?\\(?/(\\d{2})\\b") ?? t.capture("(?:" + word + ")\\s*\\(/(\\d{2})\\)") { putInt(tier, Int(mask)) }
        }
        if let mask = int("/(\\d{2}) (size )?(for|per) (each|every)") ?? int("(?:each|every|all)[^.;]*?/(\\d{2})\\b") ?? int("\\bplease /(\\d{2})\\b") {
            putInt("publicMask", mask); putInt("privateMask", mask); putInt("dataMask", mask)
        }
        if t.has("\\bnat\\b") {
            if t.has("\\b(no|don't want|do not want|without|not want|not|none)\\b[^.;]*\\bnat\\b|\\bnat\\b[^.;]*(not needed|not wanted)") && !t.has("nat instances") { put("nat", .string("none")) }
            else if t.has("nat[^.;]*(per|each|every) (availability zone|az)|(one|1|a) nat( gateway)? (per|in each|in every) (az|availability zone)|\\b(\\d+) nat gateways") { put("nat", .string("perAz")) }
            else if t.has("\\b(one|1|single|a single|only one)\\s+nat|nat[^.;]*in total") { put("nat", .string("single")) }
        }
        if t.has("public ip") || t.has("auto-?assign") {
            flag("mapPublicIp", "(get|assign|auto-?assign|automatic(ally)?)[^.;]*public ip|public ip[^.;]*(automatic|auto)")
        }
        if t.has("flow logs?") {
            flag("flowLogs", "flow logs?")
            if c.bool("flowLogs") == true {
                if let g = o.capture("`(/[^`]+)`") { putString("flowLogGroup", g) }
                putInt("flowLogRetention", days("(retain|retention|kept|keep)"))
                if t.has("customer[- ]managed|\\bkms\\b|\\bcmk\\b") { put("flowLogKms", .bool(true)) }
            }
        }
        if t.has("retain(ed)?|retention") && c.bool("flowLogs") == true { putInt("flowLogRetention", days("(retain|retention)")) }
        // "IT already set up the Session Manager endpoints": endpoints that exist are not made again.
        let endpointsExist = t.has("\\b(already|existing|pre-?existing)\\b[^.;]{0,50}\\bendpoints?\\b|\\bendpoints?\\b[^.;]{0,40}\\b(already|exists?)\\b")
        if t.has("\\bendpoints?\\b") && !endpointsExist && !t.has("(no|not|without)[^.;]*endpoints?|endpoints?[^.;]*(not in scope|out of scope)") && !s.normalizedContext.has(PolarityReader.negatedSection) {
            if t.has("\\bs3\\b") { append("endpoints", ["s3"]) }
            if t.has("dynamo") { append("endpoints", ["dynamodb"]) }
            if t.has("\\bssm\\b|session manager") { append("endpoints", ["ssm", "ssmmessages", "ec2messages"]) }
        }
        if t.has("\\bs3\\b[^.;]*(gateway|endpoint)") && !t.has("\\bno\\b[^.;]*endpoint") { append("endpoints", ["s3"]) }
        if t.has("ssm|session manager") && t.has("(privately|vpc endpoints?|no (nat|internet))") && !endpointsExist { append("endpoints", ["ssm", "ssmmessages", "ec2messages"]) }
        if t.has("dns (hostnames|support|resolution)") { put("dns", .bool(true)) }
        if t.has("default security group") { put("stripDefaultSG", .bool(true)) }
    }

    // MARK: storage

    mutating func bucket() {
        if t.has("versioning|versioned|keep (old |previous )?versions") {
            if t.has("versioning[^.;]*(not needed|off|disabled|not required|no\\b)|no versioning|(not|don't|without)[^.;]*version") { put("versioning", .bool(false)) } else { put("versioning", .bool(true)) }
        }
        if t.has("sse-kms|\\bkms\\b|customer[- ]managed key|with the key above|\\bcmk\\b") && !t.has("(no|not|without|default aws)[^.;]*kms") { putString("encryption", "kms") }
        if t.has("sse-s3|aes-?256|s3[- ]managed") { putString("encryption", "s3") }
        if t.has("bucket keys?") { put("bucketKey", .bool(true)) }
        let classes: [(String, String)] = [("deep archive", "DEEP_ARCHIVE"), ("glacier instant|glacier ir", "GLACIER_IR"), ("glacier", "GLACIER"),
                                           ("one[- ]zone", "ONEZONE_IA"), ("intelligent[- ]tiering", "INTELLIGENT_TIERING"), ("standard[- ]ia|infrequent access|\\bia\\b", "STANDARD_IA")]
        if !t.has("noncurrent") {
            for (word, cls) in classes {
                if t.has(word), let d = days("(?:" + word + ")[^.;]*?(?:after|at|when|older than|once)") ?? days("(?:after|older than)[^.;]*?") , !t.has("\\bno\\b[^.;]*(" + word + ")") {
                    append("transitions", ["\(cls):\(d)"]); break
                }
            }
            if t.has("\\b(delet|expir|remov|purg)"), !t.has("incomplete|multipart|noncurrent") {
                if let d = int("\\((\\d+)\\s*d(ays?)?\\)") ?? days("\\b(delet|expir|remov|purg)\\w*[^.;]*?(after|older than|at)") ?? days("\\b(keep|retain|store)")
                    ?? (t.has("\\b(are|is|gets?|will be|should be|must be) (deleted|expired|removed|purged)\\b") ? days("\\b(older than|more than|after)\\b") : nil) { putInt("expirationDays", d) }
            }
        }
        if t.has("noncurrent|old versions|previous versions"), let d = days("(noncurrent|old versions|previous versions)") { putInt("noncurrentDays", d) }
        if t.has("multipart"), let d = days("multipart") ?? days("") { putInt("abortMultipartDays", d) }
        if t.has("ownership|acls? disabled|bucket owner enforced") { put("ownershipEnforced", .bool(true)) }
        if t.has("tls|https only|secure transport|not made over") { put("tlsOnly", .bool(true)) }
        if t.has("block (all )?public access|not public|private|no public") { put("private", .bool(true)) }
        // Read by everyone: contradicts a private bucket (`Limits`).
        if t.has(Reader.publicRead) { flag("publicRead", Reader.publicRead) }
        if let p = o.capture("(?i)(?:under|prefix)\\s+(?:the\\s+)?(?:prefix\\s+)?[`\"“]?([A-Za-z0-9_.-]+/)") { putString("prefix", p) }
    }

    mutating func site() {
        // AWS's own endpoints (the bucket's website endpoint, *.cloudfront.net) are not custom domains.
        func custom(_ d: String) -> Bool { !d.hasSuffix("amazonaws.com") && !d.hasSuffix("cloudfront.net") && !d.hasSuffix("amazon.com") }
        for m in o.matches("https?://([A-Za-z0-9.-]+\\.[A-Za-z]{2,})") where custom(m.groups[1].lowercased()) {
            append("domains", [m.groups[1].lowercased()])
        }
        // A certificate named by ARN is used as it is; none is requested.
        if let cert = Values.arns(in: o).first(where: { $0.service == "acm" }) { putString("certificateArn", cert.text) }
        // "no custom domain", "the default cloudfront.net name is fine": no alias, no certificate.
        if t.has("\\b(no|without|not an?|don't need an?|do not need an?) (custom |own |vanity )?(domain|alias|cname)s?\\b|\\bdefault (\\*\\.)?cloudfront\\.net (domain|name|hostname|url)\\b[^.;]*\\b(fine|ok|enough|good)\\b") { put("customDomain", .bool(false)) }
        // DNS hosted outside Route 53 ("DNS is at our registrar, not Route 53; I'll add the CNAME myself").
        if t.has("\\b(dns|domain|zone)\\b[^.;]*\\b(is|are|lives?|sits?|hosted|managed)\\b[^.;]*\\b(at|with|by|in|on)\\b[^.;]*\\bnot (in |on |at )?route ?53\\b|\\b(not|isn't|aren't|never) (in |on |at |hosted in |managed in )?route ?53\\b|\\b(add|create|manage|set up) (the |our )?(dns |cname |alias )?(records?|cnames?|entries) (myself|ourselves|by hand|manually)\\b") { put("externalDNS", .bool(true)) }
        if t.has("hosted zone|\\bzone\\b"), let z = o.capture("`([A-Za-z0-9.-]+\\.[A-Za-z]{2,})`") ?? o.capture("zone (?:for |named |called )?([A-Za-z0-9-]+(?:\\.[A-Za-z0-9-]+)+)") { putString("zone", z.lowercased()) }
        if t.has("https|certificate|\\btls\\b|\\bssl\\b") { put("https", .bool(true)) }
        if t.has("index\\.html") { putString("indexDocument", "index.html") }
        if let e = o.capture("`?(\\d{3}\\.html)`?") { putString("errorDocument", "/" + e) }
        if t.has("price ?class|cheapest|europe and north america|north america and europe|us and eu|eu and us") {
            if t.has("priceclass_all|all (edge )?locations|worldwide|global") { putString("priceClass", "PriceClass_All") }
            else if t.has("priceclass_200|asia") { putString("priceClass", "PriceClass_200") }
            else { putString("priceClass", "PriceClass_100") }
        }
        if t.has("redirect") && t.has("https") { put("redirectHttps", .bool(true)) }
        if t.has("domain|site|serve|www\\.|url|address") {
            for m in o.matches("(?<![@/\\w.-])((?:[A-Za-z0-9-]+\\.)+(?:com|io|net|org|dev|app|co\\.uk|org\\.uk|de|fr|nl|eu|ch|at|es|it|se|no|dk|fi|ie|be|pl|cz|ca|au|com\\.au|co|ai|shop|store|tech|cloud|info|biz|us|uk))\\b(?![.\\w/-])") where custom(m.groups[1].lowercased()) && !m.groups[1].lowercased().hasSuffix(".html") {
                let d = m.groups[1].lowercased()
                if !t.has("zone\\s+(for\\s+)?`?" + NSRegularExpression.escapedPattern(for: d)) { append("domains", [d]) }
            }
        }
    }

    // MARK: compute

    mutating func compute() {
        if let type = o.capture("(?<![\\w.])([a-z]\\d[a-z0-9]*\\.(?:nano|micro|small|medium|large|\\d*xlarge|metal))\\b"), !t.has("\\b(db|cache)\\." + NSRegularExpression.escapedPattern(for: type)) { putString("instanceType", type) }
        if let m = t.match("(\\d+(?:\\.\\d+)?)\\s*v?cpus?\\b[^.;]*?(\\d+(?:\\.\\d+)?)\\s*(gb|gib|g|tb|mb)\\b") ?? t.match("(\\d+(?:\\.\\d+)?)\\s*v?cpus?\\s*(?:and|/|,)\\s*(\\d+(?:\\.\\d+)?)\\s*(gb|gib|g)") {
            putString("vcpu", m[1]); putString("memoryGb", String(Quantities.gigabytes(Double(m[2]) ?? 0, m[3])))
        }
        if t.has("\\b(graviton|arm64|arm-based)\\b") && !t.has("(not|no|don't|n't)[^.;]*\\b(graviton|arm)") { putString("arch", "arm64") }
        if t.has("\\bx86|intel|amd64|\\bnot graviton|\\bnot arm|build on arm") { putString("arch", "x86_64") }
        if let ami = o.capture("\\b(ami-[0-9a-f]{8,})\\b") { putString("ami", ami) }
        if t.has("amazon linux|al2023|al2\\b") { putString("os", t.has("amazon linux 2\\b(?! ?023)|\\bal2\\b") ? "al2" : "al2023") }
        if t.has("ubuntu") { putString("os", "ubuntu") }
        if let g = int("(\\d+)\\s*(?:gb|gib)\\s*(?:of\\s+)?(?:\\w+\\s+)?(?:disk|storage|root|volume|ebs)") ?? int("(?:disk|storage|root volume|ebs)[^.;]*?(\\d+)\\s*(?:gb|gib)") { putInt("diskGb", g) }
        if let v = t.capture("\\b(gp3|gp2|io1|io2|st1)\\b") { putString("volumeType", v) }
        if t.has("\\bpublic ip") { flag("publicIp", "public ip") }
        let azs = t.matches(Extractors.az).map { $0.groups[1] }
        if !azs.isEmpty && t.has("\\b(instance|server|one in|zones?)\\b") && !t.has("subnet-") { append("azs", azs) }
        if t.has("session manager|\\bssm\\b") { put("ssm", .bool(true)) }
        if t.has("instance profile"), let p = o.capture("(?i)instance profile\\s*[`\"“]([^`\"”]+)[`\"”]") {
            putString("instanceProfile", p)
        }
        if t.has("metadata|imds") { put("imdsv2", .bool(true)) }
        if t.has("user ?data") { put("userDataPlaceholder", .bool(true)) }
        if t.has("\\b(read|write|delete)") && t.has("\\bbucket|\\bs3\\b") && t.has("\\b(role|permissions?|app|may|can)\\b") {
            append("bucketAccess", t.has("delete") ? ["read", "write", "delete"] : t.has("write") ? ["read", "write"] : ["read"])
        }
        if t.has("secret") && t.has("read") && t.has("\\b(db|database|rds)\\b") { put("readsDbSecret", .bool(true)) }
    }

    mutating func instance() {
        if let n = int("\\b(\\d+) (?:x )?(?:[a-z]\\d[a-z0-9]*\\.[a-z0-9]+ )?(?:ec2 |linux |app |upload |web |small |large )?(?:instances?|servers?|vms?|boxes|machines)\\b"), n > 0, n <= 50, !t.has("(now|today|currently)") { putInt("count", n) }
        if t.has("\\bnames?\\b") && NameReader.names(in: s).count > 1 { append("names", NameReader.names(in: s)) }
        if t.has("mount") { putString("mountPath", o.capture("(/mnt/[A-Za-z0-9_/-]+|/[a-z]+/[A-Za-z0-9_/-]+)") ?? "/mnt/shared") }
        if let n = o.capture("(?i)name tag:?\\s*[`\"“]?([A-Za-z0-9][A-Za-z0-9_.-]*)") { if c.name == nil { c.name = Sourced(n, line: s.line) }; hit = true }
        if t.has("\\bssh\\b|port 22|key pair") { put("noSsh", .bool(true)) }
        // A key pair made from the public key the document gives; one named without a key exists.
        if let key = o.capture("\\b((?:ssh-(?:ed25519|rsa|dss)|ecdsa-sha2-nistp\\d+) AAAA[A-Za-z0-9+/=]+)") { putString("publicKey", key) }
        if let m = t.matches("\\bkey ?pair\\b").first, PolarityReader.polarity(of: s, offset: m.offset, length: 8) != .negated,
           let n = o.capture("(?i)\\bkey ?pair\\b[^.;`\"“]{0,60}?[`\"“]([A-Za-z0-9._-]+)[`\"”]") { putString("keyName", n) }
        if t.has("\\b(elastic ips?|eips?|fixed (public )?ip( address)?|static (public )?ip( address)?)\\b") { flag("elasticIp", "\\b(elastic ips?|eips?|fixed (public )?ip( address)?|static (public )?ip( address)?)\\b") }
        if t.has("each other|among themselves|between (them|each other)") {
            append("selfPorts", t.matches("\\b(\\d{2,5})\\b").map { $0.groups[1] }.filter { (Int($0) ?? 0) > 20 && (Int($0) ?? 0) < 65536 })
        }
        if t.has("reachable|accessible|open|allow|access|connect"), let cidr = t.capture("(?:from|to)\\s+(?:[a-z-]+\\s+){0,3}" + Extractors.cidr), let port = int("port\\s*(\\d{2,5})") ?? int("on (\\d{2,5})\\b") {
            append("ingress", ["\(port)|\(cidr)"])
        }
    }

    mutating func webTier() {
        // "target group: HTTPS to the instances on 8443": how the load balancer reaches the servers.
        if t.has("\\btarget group\\b|\\bto the (instances|servers|targets)\\b") {
            if t.has("\\bhttps\\b[^.;]{0,30}\\b(to the|instances|servers|targets)\\b") { putString("targetProtocol", "HTTPS") }
            if let p = int("\\b(?:instances|servers|targets) on (?:port )?(\\d{2,5})\\b") { putInt("appPort", p) }
        }
        putInt("min", int("at least (\\d+)") ?? int("min(imum)?\\s*(of )?(\\d+)", 3))
        putInt("max", int("(?:never )?more than (\\d+)") ?? int("at most (\\d+)") ?? int("max(imum)?\\s*(of )?(\\d+)", 3))
        if let m = t.match("min\\w*\\s*/\\s*max\\w*\\s*/\\s*desired\\W+(\\d+)\\s*/\\s*(\\d+)\\s*/\\s*(\\d+)") { putInt("min", Int(m[1])); putInt("max", Int(m[2])); putInt("desired", Int(m[3])) }
        if let p = int("\\b(?:app|application|container|server|instance) port\\W+(\\d{2,5})") { putInt("appPort", p) }
        putInt("desired", int("start(?:ing)? with (\\d+)") ?? int("desired (?:capacity )?(?:of )?(\\d+)"))
        if let m = t.match("(\\d+)\\s*(?:[–-]|to)\\s*(\\d+) (instances|servers|nodes)") ?? t.match("between (\\d+) and (\\d+)") { putInt("min", Int(m[1])); putInt("max", Int(m[2])) }
        if t.has("\\bcpu\\b"), let p = int("cpu[^.;]*?(\\d+)\\s*(%|percent)") ?? int("(\\d+)\\s*(%|percent)[^.;]*cpu") { putInt("cpuTarget", p) }
        if !t.has("load balancer|\\balb\\b"), let p = int("(?:listens?|listening|runs?|serves?)[^.;]*?(?:on )?port (\\d{2,5})") ?? int("listens? on (\\d{2,5})") { putInt("appPort", p) }
        if t.has("only the load balancer|only from the alb|from the (alb|load balancer)"), let p = int("(?:on |port )(\\d{2,5})") { putInt("appPort", p) }
        if let n = int("\\b(\\d+) ?x ?[a-z]\\d[a-z0-9]*\\.") {
            putInt("desired", n); putInt("min", n)
            if let p = int("\\bport (\\d{2,5})") { putInt("appPort", p) }
        }
        if t.has("health"), let p = o.capture("(?i)health[^.;]*?(/[A-Za-z0-9_/.-]*)") ?? o.capture("(?i)health[^.]*?(/[A-Za-z0-9_/.-]*)") { putString("healthPath", p.hasSuffix(".") && p.count > 1 ? String(p.dropLast()) : p) }
        if t.has("health"), let i = int("every (\\d+) ?s(ec(ond)?s?)?\\b") { putInt("healthInterval", i) }
        putInt("healthyThreshold", int("(\\d+) (good|successful|healthy) checks"))
        putInt("unhealthyThreshold", int("(\\d+) (failed|bad|unhealthy) (checks|ones)"))
        if t.has("warm ?up|grace") { putInt("grace", seconds("")) }
        if t.has("load balancer health check|elb health|alb health") { put("elbHealth", .bool(true)) }
        if let arn = o.capture("(arn:aws:acm:[a-z0-9-]+:\\d{12}:certificate/[A-Za-z0-9-]+)") { putString("certificateArn", arn) }
        if t.has("\\binternal\\b") && !t.has("not internal") { put("internal", .bool(true)) }
        if t.has("internet[- ]facing|public(ly)? (alb|load balancer)|\\(public\\)") { put("internal", .bool(false)) }
        if t.has("refresh|rolling"), let p = int("(\\d+)\\s*(%|percent)") { putInt("minHealthy", p) }
    }

    // MARK: data

    mutating func database() {
        if t.has("\\bpostgres") { putString("engine", "postgres") }
        if t.has("\\bmysql\\b") { putString("engine", "mysql") }
        if t.has("\\bmariadb\\b") { putString("engine", "mariadb") }
        if let v = t.capture("(?:postgres(?:ql)?|mysql|mariadb)\\s*(\\d+(?:\\.\\d+)?)") ?? t.capture("(?:postgres(?:ql)?|mysql|mariadb)[^.;]{0,30}?\\bversion\\s*(\\d+(?:\\.\\d+)?)") {
            putString("engineVersion", t.capture("\\b(" + NSRegularExpression.escapedPattern(for: v) + "\\.\\d+) (is what|if you|to pick)") ?? v)
        } else if let v = t.capture("\\b(\\d{1,2}\\.\\d{1,2}) is what we tested") { c.set("engineVersion", .string(v), line: s.line); hit = true }
        if t.has("aurora") && !t.has("not aurora|no aurora|aurora is (more|overkill|too)|(not|no|don't|instead of)[^.;]*aurora|plain") { putString("aurora", t.has("serverless") ? "serverless" : "provisioned") }
        if let m = t.matches("\\b(db\\.[a-z0-9]+\\.[a-z0-9]+)\\b").first, aboutReplica(at: m.offset) {
            // "one read replica (db.r6g.large, single-AZ)": the replica's own size, not the primary's.
            putString("replicaClass", m.groups[1])
        } else if let cls = o.capture("\\b(db\\.[a-z0-9]+\\.[a-z0-9]+)\\b") {
            if let old = c.properties["instanceClass"], old.value.string != cls, old.line != s.line, Reader.contradicts(s) { c.set("conflict", .string("instance class \(old.value.string ?? "") (line \(old.line)) and \(cls) (line \(s.line))"), line: s.line) }
            putString("instanceClass", cls)
        }
        if let m = t.match("(\\d+(?:\\.\\d+)?)\\s*v?cpus?\\s*(?:/|,|and|with)?\\s*(\\d+(?:\\.\\d+)?)\\s*(gb|gib)") {
            if let old = c.properties["vcpu"], old.value.string != m[1], old.line != s.line, !t.has("same size"), Reader.contradicts(s) { c.set("conflict", .string("size \(old.value.string ?? "") vCPU (line \(old.line)) and \(m[1]) vCPU (line \(s.line))"), line: s.line) }
            putString("vcpu", m[1]); putString("memoryGb", m[2])
        }
        if let m = t.match("\\b(\\d+) writers? and (\\d+) readers?\\b") { putInt("instanceCount", (Int(m[1]) ?? 1) + (Int(m[2]) ?? 0)) }
        else if let n = int("^\\W*instances\\W+(\\d+)\\b") ?? int("\\b(\\d+) (?:db |cluster |aurora |database )instances\\b"), (1...15).contains(n) { putInt("instanceCount", n) }
        if t.has("not burstable|general purpose|non-burstable") { put("noBurstable", .bool(true)) }
        if let m = t.match("(?:up to|grow[^.;]*?to|autoscal\\w*(?: storage)? to|max(?:imum)?(?: storage)?(?: of)?)\\s*~?(\\d+(?:\\.\\d+)?)\\s*(gb|gib|tb)") { putInt("maxStorageGb", Int(Quantities.gigabytes(Double(m[1]) ?? 0, m[2]))) }
        if let m = t.match("(?:start with |storage:? |with |around )?(\\d+)\\s*(gb|gib|tb)\\b(?:\\s*(?:of )?(?:storage|disk|data))") ?? (t.has("storage") ? t.match("(\\d+)\\s*(gb|gib|tb)\\b") : nil) {
            let gb = Int(Quantities.gigabytes(Double(m[1]) ?? 0, m[2]))
            if gb != c.int("maxStorageGb") && !t.has("a month") || t.has("start with") { putInt("storageGb", gb) }
        }
        if c.int("storageGb") == nil, let g = int("v?cpus?\\s*[/,]?\\s*\\d+(?:\\.\\d+)?\\s*(?:gb|gib)\\b(?:\\s*(?:ram|memory))?\\s*[,;]\\s*(\\d+)\\s*(?:gb|gib)\\b") { putInt("storageGb", g) }
        if c.int("storageGb") == nil, t.has("db\\.[a-z0-9]+\\.|postgres|mysql|mariadb|rds"), !t.has("v?cpus?"), let m = t.match("(\\d+)\\s*(gb|gib|tb)\\b(?!\\s*(of )?(ram|memory|mem))") {
            putInt("storageGb", Int(Quantities.gigabytes(Double(m[1]) ?? 0, m[2])))
        }
        if let m = t.matches("multi-?az|single[- ]az|highly available|high availability").first, !aboutReplica(at: m.offset) {
            if t.has("single[- ]az") { put("multiAz", .bool(false)) } else { flag("multiAz", "multi-?az|highly available|high availability") }
        }
        if t.has("backup") {
            putInt("backupDays", days("backups?") ?? int("(\\d+)[- ]days?[- ]backups?") ?? int("(\\d+) days? of backups?"))
            if let w = t.match("backup window[^.;]*?(\\d{2}:\\d{2})\\s*[-–]\\s*(\\d{2}:\\d{2})") ?? (t.has("maintenance") ? nil : t.match("(\\d{2}:\\d{2})\\s*[-–]\\s*(\\d{2}:\\d{2})")) { putString("backupWindow", "\(w[1])-\(w[2])") }
        }
        if t.has("maintenance"), let w = t.match("maintenance[^.;]*?(\\d{2}:\\d{2})\\s*[-–]\\s*(\\d{2}:\\d{2})[^.;]*?\\b(mon|tue|wed|thu|fri|sat|sun)") ?? t.match("maintenance[^.;]*?\\b(mon|tue|wed|thu|fri|sat|sun)[a-z]*\\b[^.;]*?(\\d{2}:\\d{2})\\s*[-–]\\s*(\\d{2}:\\d{2})") {
            if w[1].count == 3 { putString("maintenanceWindow", "\(w[1]):\(w[2])-\(w[1]):\(w[3])") } else { putString("maintenanceWindow", "\(w[3]):\(w[1])-\(w[3]):\(w[2])") }
        }
        if t.has("deletion protection") { flag("deletionProtection", "deletion protection") }
        if t.has("final snapshot") { flag("finalSnapshot", "final snapshot") }
        if t.has("performance insights") { flag("performanceInsights", "performance insights") }
        if let u = o.capture("(?i)(?:master |admin )?user(?:name)?\\s*(?:can be|is|:|=|should be)?\\s*[`\"“]([A-Za-z][A-Za-z0-9_]*)[`\"”]") { putString("username", u) }
        if t.has("quer") && t.has("(longer|slower|more) than|over|exceed") {
            if t.has("half a second") { putInt("slowQueryMs", 500) }
            else if let m = t.match("(?:longer|slower|more) than\\s*(\\d+(?:\\.\\d+)?)\\s*(ms|milliseconds?|s|secs?|seconds?)") { putInt("slowQueryMs", m[2].hasPrefix("m") ? Int(Double(m[1]) ?? 0) : Int((Double(m[1]) ?? 0) * 1000)) }
        }
        if t.has("export[^.;]*log|logs? (to|in) cloudwatch|cloudwatch logs") { put("logExports", .bool(true)) }
        if t.has("read replica") && !t.has("(no|not|without)[^.;]*read replica") {
            put("replica", .bool(true))
            if let n = o.capture("(?i)\\breplica\\s*(?:named|called)?\\s*" + NameReader.quoted), NameReader.valid(n) { putString("replicaName", n) }
        }
        if let arn = o.capture("\\b(arn:aws:kms:[a-z0-9-]+:\\d{12}:key/[0-9a-f-]+)\\b") { putString("kmsKeyArn", arn) }
        if t.has("\\b(names|identifiers)\\b") {
            let names = NameReader.names(in: s)
            if let env = c.string("environment") {
                let word = env == "prod" ? "prod" : "stag"
                if let n = names.first(where: { $0.lowercased().contains(word) }) { c.name = Sourced(n, line: s.line); hit = true }
                return
            }
            if names.count >= 1, c.name == nil { c.name = Sourced(names[0], line: s.line) }
            if names.count >= 2 { putString("replicaName", names[1]); append("names", names) }
            if !names.isEmpty { hit = true }
        }
        if t.has("\\bgp3\\b") { putString("storageType", "gp3") }
        for m in t.matches(Extractors.sgID) { append(aboutReplica(at: m.offset) ? "replicaSecurityGroups" : "allowedSecurityGroups", [m.groups[1]]) }
        if t.has("reach|connect|access|allowed") || t.has("\\bfrom\\s+" + Extractors.cidr + "[^.;]*\\bport") {
            for m in t.matches(Extractors.cidr) { append(aboutReplica(at: m.offset) ? "replicaCidrs" : "allowedCidrs", [m.groups[1]]) }
            if let p = int("(?:on|port) (\\d{4,5})") { putInt("port", p) }
        }
        if t.has("only from the app|from the app (tier|servers)|app tier") { put("allowFromApp", .bool(true)) }
        if t.has("managed by rds|secrets manager|generate[^.;]*password|rds[- ]managed") { put("managedPassword", .bool(true)) }
    }

    /// Whether the clause (up to `;` or the sentence's end) holding `offset` is about the read
    /// replica rather than the primary: "the app reaches the primary only; Metabase reaches the replica only".
    func aboutReplica(at offset: Int) -> Bool {
        let u = Array(t.utf16)
        guard offset <= u.count else { return false }
        var start = offset, end = offset
        while start > 0 && u[start - 1] != 59 && !(u[start - 1] == 46 && (start >= u.count || u[start] == 32)) { start -= 1 }
        while end < u.count && u[end] != 59 && !(u[end] == 46 && (end + 1 >= u.count || u[end + 1] == 32)) { end += 1 }
        let before = String(decoding: u[start..<offset], as: UTF16.self), after = String(decoding: u[offset..<end], as: UTF16.self)
        if before.has("\\b(no|not|without)\\b[^.;]*replica") { return false }
        // The replica was named last before the value ("one read replica `x` (db.r6g.large)") …
        if let m = before.matches("\\breplicas?\\b").last, !(String(before.utf16.dropFirst(m.offset)) ?? "").has("\\b(primary|main|writer)\\b") { return true }
        // … or the value's clause goes on to say it is for the replica ("sg-… reaches the replica only").
        return after.has("^[^,]{0,40}?\\b(reach(es)?|access(es)?|to|for|on|connects? to) (the )?(read )?replicas?\\b")
    }

    mutating func dynamodb() {
        if t.has("\\bgsi|global secondary index") {
            let name = o.capture("(?i)(?:gsi|index)\\s*[`\"“]([^`\"”]+)[`\"”]") ?? "gsi1"
            let pk = o.capture("(?i)partition key\\s*`([^`]+)`") ?? o.capture("(?i)hash key\\s*`([^`]+)`")
            let pkType = o.capture("(?i)partition key\\s*`[^`]+`\\s*\\((S|N|B)\\)") ?? "S"
            let sk = o.capture("(?i)sort key\\s*`([^`]+)`")
            let skType = o.capture("(?i)sort key\\s*`[^`]+`\\s*\\((S|N|B)\\)") ?? "S"
            var spec = "\(name)|\(pk ?? "")|\(pkType)|\(sk ?? "")|\(skType)"
            if t.has("include") || t.has("project only") {
                let attrs = o.matches("`([A-Za-z0-9_]+)`").map { $0.groups[1] }.filter { $0 != name && $0 != pk && $0 != sk }
                spec += "|INCLUDE|" + attrs.joined(separator: ",")
            } else if t.has("keys only|keys_only") { spec += "|KEYS_ONLY|" } else { spec += "|ALL|" }
            if pk != nil { append("gsis", [spec]) }
            return
        }
        if c.string("hashKey") == nil, let m = t.match("\\b(?:pk|partition key|hash key)\\s*[:=]?\\s*`?([a-z_][a-z0-9_]*)`?\\s*\\(?(string|number|s|n)?\\)?") , !["is", "of"].contains(m[1]) {
            putString("hashKey", o.capture("(?i)\\b(" + NSRegularExpression.escapedPattern(for: m[1]) + ")\\b") ?? m[1]); putString("hashKeyType", m[2].hasPrefix("n") ? "N" : "S")
        }
        if c.string("rangeKey") == nil, let m = t.match("\\b(?:sk|sort key|range key)\\s*[:=]?\\s*`?([a-z_][a-z0-9_]*)`?\\s*\\(?(string|number|s|n)?\\)?"), !["is", "of"].contains(m[1]) {
            putString("rangeKey", o.capture("(?i)\\b(" + NSRegularExpression.escapedPattern(for: m[1]) + ")\\b") ?? m[1]); putString("rangeKeyType", m[2].hasPrefix("n") ? "N" : "S")
        }
        if let pk = o.capture("(?i)(?:partition|hash) key\\s*(?:is\\s*|:\\s*)?`([^`]+)`") ?? o.capture("(?i)(?:partition|hash) key\\s*(?:is\\s*|:\\s*)?([A-Za-z_][A-Za-z0-9_]*)") {
            putString("hashKey", pk); putString("hashKeyType", o.capture("(?i)(?:partition|hash) key\\s*`?[^`(]+`?\\s*\\((S|N|B)") ?? (t.has("(partition|hash) key[^;,]*\\b(number|numeric)") ? "N" : "S"))
        }
        if let sk = o.capture("(?i)(?:sort|range) key\\s*(?:is\\s*|:\\s*)?`([^`]+)`") ?? o.capture("(?i)(?:sort|range) key\\s*(?:is\\s*|:\\s*)?([A-Za-z_][A-Za-z0-9_]*)") {
            putString("rangeKey", sk); putString("rangeKeyType", o.capture("(?i)(?:sort|range) key\\s*`?[^`(]+`?\\s*\\((S|N|B)") ?? (t.has("(sort|range) key[^;]*\\b(number|numeric|epoch|timestamp)") ? "N" : "S"))
        }
        if t.has("on-demand|on demand|pay_per_request|pay per request") && !t.has("(switch|move|change)[^.;]*provisioned") { putString("billing", "PAY_PER_REQUEST") }
        else if t.has("provisioned") && !s.normalizedContext.has("exist|v1|today"), let r = int("(\\d+) rcu") { putString("billing", "PROVISIONED"); putInt("rcu", r); putInt("wcu", int("(\\d+) wcu")) }
        if t.has("\\bttl\\b|time to live|expire") , let a = o.capture("(?i)attribute\\s*`([^`]+)`") ?? o.capture("(?i)ttl (?:on )?(?:attribute )?`([^`]+)`") { putString("ttlAttribute", a) }
        if t.has("pitr|point-in-time|point in time") { flag("pitr", "pitr|point-in-time|point in time") }
        if t.has("stream") && t.has("new_and_old_images|new and old|new_image|old_image|keys_only|enable the (table )?stream|dynamodb streams") && !t.has("kinesis stream") || t.has("new_and_old_images") {
            putString("streamView", t.has("new_and_old|new and old") ? "NEW_AND_OLD_IMAGES" : t.has("new_image") ? "NEW_IMAGE" : t.has("old_image") ? "OLD_IMAGE" : t.has("keys_only") ? "KEYS_ONLY" : "NEW_AND_OLD_IMAGES")
        }
        if t.has("deletion protection") { flag("deletionProtection", "deletion protection") }
        if t.has("customer[- ]managed|\\bcmk\\b|kms key") && !t.has("aws owned|aws-owned|default") { putString("encryption", "kms") }
        if t.has("name") && t.has("table") && c.name == nil, let n = o.capture("(?i)table\\s*`([^`]+)`") { c.name = Sourced(n, line: s.line); hit = true }
    }

    mutating func queue() {
        if t.has("\\bfifo\\b") { flag("fifo", "\\bfifo\\b") }
        else if t.has("\\bstandard\\b(?! (tier|storage|class|retention|throughput|mode|support))") { put("fifo", .bool(false)) }
        if t.has("\\b(dlq|dead[- ]letter)") {
            if t.has("(no|don't|not|without)[^.;]*(dlq|dead[- ]letter)") { put("dlq", .bool(false)); return }
            put("dlq", .bool(true))
            if let n = o.capture("(?i)(?:dlq|dead[- ]letter queue)\\s*[`\"“]([^`\"”]+)[`\"”]") ?? o.capture("(?i)\\b(?:dlq|dead[- ]letter queue|go(?:es)? to|move(?:s|d)? to|sent to)\\s+(?:the\\s+)?([a-z0-9_-]+-(?:dlq|dead-letter|deadletter)[a-z0-9_-]*)") { putString("dlqName", n) }
            if let d = Quantities.firstDays(in: t, after: "(dlq|dead[- ]letter|-dlq)[^.;]*?\\((kept|keep|retention|retained)") { putInt("dlqRetentionDays", d) }
            putInt("maxReceives", int("(\\d+) (failed )?(receives|attempts|tries|deliveries)") ?? int("max(imum)? ?receives?(?: count)?:? (\\d+)", 2) ?? int("fails? (\\d+) times") ?? int("(\\d+) times"))
            if t.has("^\\W*(the )?(dlq|dead[- ]letter( queue)?)\\b[^.;]*\\b(keeps?|kept|retains?|retention|holds?)\\b") { putInt("dlqRetentionDays", days("(keeps?|kept|retains?|retention|holds?)")); return }
            if t.has("dlq retention|retention") && t.has("\\bdlq\\b[^.;]*retention|retention[^.;]*dlq|^dlq retention") { putInt("dlqRetentionDays", days("retention")); return }
        }
        if t.has("retention|retain|kept|\\bkeep(s|ing)?\\b") && !t.has("^dlq|this one|the dlq|dead[- ]letter") { putInt("retentionSeconds", seconds("(retention|retain|kept|keep)")) }
        if t.has("visibility") {
            if let x = int("(\\d+)\\s*x the lambda timeout") ?? int("(\\d+) times the (lambda|function) timeout") { putInt("visibilityMultiplier", x) }
            else { putInt("visibilitySeconds", seconds("visibility")) }
        }
        if t.has("sse-kms|kms|with the key above|customer[- ]managed") && !t.has("(not|no)[^.;]*kms|sse-sqs") { putString("encryption", "kms") }
        if let r = int("data key reuse(?: period)?[^.;]*?(\\d+)\\s*min") { putInt("dataKeyReuse", r * 60) }
        if t.has("raw message") { flag("rawDelivery", "raw message") }
        if let m = o.match("(?i)attribute\\s*[`\"“]([^`\"”]+)[`\"”][^.;]*?(?:equal to|equals|=|is)\\s*[`\"“]([^`\"”]+)[`\"”]") { putString("filter", "\(m[1])=\(m[2])") }
        if t.has("topic") && t.has("(get|receive|subscribe|from the topic|every message|fan)") { put("subscribe", .bool(true)) }
        if t.has("only (our |the )?topic|allow only|nobody else") { put("topicOnly", .bool(true)) }
        if t.has("content[- ]based dedup") { put("contentDedup", .bool(true)) }
        // "S3 event notifications for new objects go to the queue": the bucket sends its events here.
        if t.has("\\b(s3|bucket)\\b") && t.has("\\b(event|events|notifications?|notify|tell us|objectcreated|object created|uploads?|new (files?|objects?))\\b") && t.has("\\b(go(es)? to|sent to|send|sends|deliver(ed|s)? to|publish(es|ed)? to|into|notif(y|ies))\\b") {
            put("s3Events", .bool(true))
            if let p = o.capture("(?i)prefix\\s+[`\"“]?([A-Za-z0-9_.-]+/?)") { putString("s3EventPrefix", p) }
            if let x = o.capture("(?i)suffix\\s+[`\"“]?(\\.?[A-Za-z0-9_-]+)") { putString("s3EventSuffix", x) }
        }
    }

    mutating func topic() {
        for m in o.matches("([A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\\.[A-Za-z]{2,})") { append("emails", [m.groups[1]]) }
        if t.has("\\bfifo\\b") { flag("fifo", "\\bfifo\\b") }
        if t.has("kms|encrypt") && !t.has("(no|not)[^.;]*(kms|encrypt)") { put("kms", .bool(true)) }
    }

    mutating func function() {
        if let j = o.capture("(?i)\\bjob:?\\s*`([A-Za-z0-9_-]+)`"), c.name == nil { c.name = Sourced(j, line: s.line); hit = true }
        if let rt = t.capture("\\b(python\\s?3\\.\\d+|node(?:\\.?js)?\\s?\\d+(?:\\.x)?|java\\s?\\d+|ruby\\s?3\\.\\d|go|provided\\.al2023|dotnet\\s?\\d)\\b") {
            var r = rt.replacingOccurrences(of: " ", with: "").replacingOccurrences(of: "node.js", with: "nodejs")
            if r.hasPrefix("nodejs") && !r.hasSuffix(".x") { r += ".x" }
            if r.hasPrefix("node") && !r.hasPrefix("nodejs") { r = "nodejs" + r.dropFirst(4) + (r.hasSuffix(".x") ? "" : ".x") }
            if r == "go" { r = "provided.al2023" }
            putString("runtime", r)
        }
        if let h = o.capture("(?i)handler(?: for both)?\\s*(?:is|:|=)?\\s*`([^`]+)`") ?? o.capture("(?i)handler\\s*(?:is|:|=)?\\s*([A-Za-z0-9_.]+\\.[A-Za-z0-9_]+)") { putString("handler", h) }
        if let m = int("(\\d+)\\s*mb\\b") ?? (t.has("memory") ? int("(\\d+)\\s*(megabytes|mb)") : nil) { putInt("memory", m) }
        if t.has("memory"), let g = int("(\\d+)\\s*gb") { putInt("memory", g * 1024) }
        if !t.has("timeout|retention|kept|keep|every|window|visibility|after"), t.has("\\b\\d+\\s*mb\\b"), let sec = Quantities.firstSeconds(in: t, after: "\\bmb\\b") { putInt("timeout", sec) }
        if t.has("timeout") || s.shape == .tableRow, let sec = t.match("(\\d+)[\\s-]*" + Quantities.durationUnit + "\\s*timeout").flatMap({ Quantities.seconds(Double($0[1]) ?? 0, $0[2]) }) ?? seconds("timeout") ?? (s.shape == .tableRow ? seconds("timeout: ") : nil) { putInt("timeout", sec) }
        if t.has("\\b(bucket|s3)\\b"), let name = o.capture("(?i)bucket,?\\s*(?:called |named )?[`\"“]([a-z0-9.-]+)[`\"”]") ?? o.capture("(?i)[`\"“]([a-z0-9.-]+)[`\"”],?\\s*bucket") {
            if t.has("\\b(writes?|puts?|saves?|stores?|uploads? (to|into))\\b") && !t.has("(upload|uploads) (images|files|objects)? ?to an s3") { putString("writeBucket", name) }
            if t.has("trigger|upload|lands|arriv|new (file|object)") && !t.has("\\bwrites?\\b[^.;]*" + NSRegularExpression.escapedPattern(for: name)) { putString("triggerBucket", name) }
        }
        if t.has("fail") && t.has("dead[- ]letter|dlq|queue") { put("failureQueue", .bool(true)) }
        // Provisioned concurrency (warm copies on an alias) is not the reserved limit.
        let provisioned = "\\b(\\d+) provisioned concurrency\\b|\\bprovisioned concurrency\\b[^.;,]*?\\b(\\d+)\\b"
        if let m = t.match(provisioned) { putInt("provisionedConcurrency", Int(m[1].isEmpty ? m[2] : m[1])) }
        let reserved = t.replacing(provisioned, with: " ")
        if reserved.has("reserved concurrency|concurrency limit|only one copy|one at a time|concurrent") && !reserved.has("\\bno reserved concurrency\\b"),
           let n = reserved.capture("(?:concurrency|limit)[^.;]*?(\\d+)").flatMap({ Int($0) }) ?? reserved.capture("(\\d+)[^.;]*concurren").flatMap({ Int($0) }) { putInt("concurrency", n) }
        if let n = o.capture("(?i)\\balias\\s*(?:named|called)?\\s*[`\"“]([A-Za-z0-9_-]{1,128})[`\"”]") { putString("alias", n) }
        if let z = o.capture("(?i)(?:code|zip|artifact|package)[^`]*`([^`]+\\.zip)`") ?? o.capture("([A-Za-z0-9_./-]+\\.zip)\\b") { putString("package", z) }
        if (t.has("\\benv(ironment)?\\b") || s.normalizedContext.has("\\benv")) && !t.has("\\btag(s|ged)?\\b") {
            for m in o.matches("(?-i)\\b([A-Z][A-Z0-9_]{1,})\\s*(?:=|set to)\\s*[`\"“]?([^\\s`\"”,()]+)") { append("env", ["\(m.groups[1])=\(m.groups[2])"]) }
            for m in o.matches("(?-i)\\b([A-Z][A-Z0-9_]{1,}) set to the bucket name") { append("env", ["\(m.groups[1])=@bucket"]) }
        }
        if t.has("logs?") && !t.has("access logs"), let d = days("(kept|retain|retention|keep)") { putInt("logDays", d) }
        if t.has("\\bsqs\\b|queue") && t.has("trigger|->|→|batch|event source|consum|invoke|process(ed|es)? by|reads? (from|the)|polls?") && !t.has("\\b(sends?|publish(es)?|writes?|puts?) (\\w+ ){0,3}(to|into|on) (the |a |an )?(sqs|queue)") {
            put("sqsTrigger", .bool(true))
            putInt("batchSize", int("batch size (of )?(\\d+)", 2))
            putInt("batchWindow", seconds("(batching|batch) window"))
        }
        if t.has("batch size") { putInt("batchSize", int("batch size (of )?(\\d+)", 2)) }
        if t.has("batching window|batch window") { putInt("batchWindow", seconds("(batching|batch) window")) }
        if t.has("partial batch|reportbatchitemfailures") { put("partialBatch", .bool(true)) }
        // One schedule reader for every block (`Values.schedule`): "every night at 02:30 UTC", "hourly", "each weekday at 7am".
        if t.has(Values.scheduleCue), !t.has("\\b(backups?|snapshots?|maintenance window|rotat\\w*)\\b"), let e = Values.schedule(in: t) { putString("schedule", e) }
        if let cron = o.capture("(cron\\([^)]+\\)|rate\\([^)]+\\))") { c.set("schedule", .string(cron), line: s.line); hit = true }
        // "remove the EventBridge rule", "instead of being called on a schedule": a later statement takes the schedule away.
        if let old = c.properties["schedule"], old.line < s.line, t.has("\\b(remove|drop|delete|get rid of|no more|no longer|stop|instead of)\\b[^.;]{0,40}\\b(eventbridge rule|scheduled? rule|schedule|cron|polling|timer)\\b") {
            c.properties["schedule"] = nil; hit = true
        }
        if t.has("retr(y|ies)") {
            if t.has("(do not|don't|no|never|not)[^.;]*retr(y|ies)|retr(y|ies)[^.;]*(0|zero|none)") { putInt("retries", 0) } else if let n = int("retr(y|ies)[^.;]*?(\\d+)", 2) { putInt("retries", min(2, n)) }
        }
        if t.has("\\bs3\\b|bucket") && t.has("upload|object created|new (file|object)s?|triggered by|when .* (added|put)") && !t.has("putobject|write|\\b(sqs|queue)\\b")
            && !t.has("\\b(find|finds|list|lists|scan|scans|look for|looks for|check for|checks for|polls?)\\b[^.;]{0,25}\\b(new (files?|objects?)|uploads?)\\b") { put("s3Trigger", .bool(true)) }
        // The upload must be what triggers: "a rule that invokes the Lambda, which then finds new files" is not.
        if t.has("\\b(uploads?|new (files?|objects?)|lands?|arrives?)\\b[^.;]{0,40}\\b(trigger|triggers|invoke|invokes|fires?|kicks? off|starts?)\\b|\\b(triggered|invoked|runs?|fired|started|kicked off) (by|on|when|whenever|for each)\\b[^.;]{0,40}\\b(uploads?|new (files?|objects?)|lands?|arrives?)\\b")
            && !t.has("\\b(sqs|queue|schedule)\\b") { put("s3Trigger", .bool(true)) }
        if t.has("putobject|write|save|store|upload") && t.has("bucket|\\bs3\\b") && !t.has("trigger") { append("bucketAccess", ["write"]) }
        if t.has("(read|get)object|may read|can read") && t.has("bucket|\\bs3\\b") { append("bucketAccess", ["read"]) }
        if t.has("dynamodb|table") {
            let actions = o.matches("\\b(PutItem|GetItem|Query|Scan|UpdateItem|DeleteItem|BatchWriteItem|BatchGetItem)\\b").map { "dynamodb:" + $0.groups[1] }
            if !actions.isEmpty { append("tableActions", actions) }
            else if t.has("\\b(writes?|puts?|stores?|saves?|inserts?)\\b") { append("tableActions", ["dynamodb:PutItem", "dynamodb:UpdateItem", "dynamodb:BatchWriteItem"]) }
            else if t.has("\\b(reads?|queries|query|looks? up|gets?)\\b") { append("tableActions", ["dynamodb:GetItem", "dynamodb:Query", "dynamodb:BatchGetItem"]) }
            if let tbl = o.capture("(?i)table\\s*`([^`]+)`") { putString("table", tbl) }
        }
        if t.has("secret") && t.has("\\b(read|get|access|fetch|use)") { put("readsSecret", .bool(true)) }
        if t.has("\\b(sqs|queue)\\b") && t.has("\\b(send|publish|write|put)s?\\b") && !t.has("trigger") { put("sendsToQueue", .bool(true)) }
        if let m = o.match("\\b(GET|POST|PUT|DELETE|PATCH|ANY)\\b[;:]?\\s*(?:Path:\\s*)?(/[A-Za-z0-9_{}/.-]*)") { putString("route", "\(m[1]) \(m[2])") }
        // Inside a VPC: the subnets it runs in, and its own security group's outbound rules.
        if t.has("\\bsubnets?\\b") && t.has("\\b(run|runs|inside|in|within|placed|attach)\\b") { append("subnetIds", ids.subnets) }
        if t.has("security group") {
            if !ids.sgs.isEmpty && !t.has("\\bfrom\\s+sg-") { append("securityGroupIds", ids.sgs) }
            // "egress 5432 to 10.72.0.0/16 and 443 to 0.0.0.0/0", "outbound only to 10.72.0.0/16 on 5432 plus 443 anywhere"
            let clause = t.range(of: "(outbound|egress|outgoing)[^;]*", options: .regularExpression).map { String(t[$0]) } ?? ""
            for m in clause.matches("(?:\\b(\\d{2,5})\\s+(?:to\\s+)?(anywhere|0\\.0\\.0\\.0/0|\\d{1,3}(?:\\.\\d{1,3}){3}/\\d{1,2}))|(?:\\bto\\s+(\\d{1,3}(?:\\.\\d{1,3}){3}/\\d{1,2})\\s+on\\s+(?:port\\s+)?(\\d{2,5}))") {
                let port = m.groups[1].isEmpty ? m.groups[4] : m.groups[1]
                let to = m.groups[1].isEmpty ? m.groups[3] : (m.groups[2] == "anywhere" ? "0.0.0.0/0" : m.groups[2])
                if let p = Int(port), (1...65535).contains(p) { append("egress", ["\(p):\(to)"]) }
            }
        }
    }

    mutating func httpApi() {
        if t.has("cors") {
            for m in o.matches("(https?://[A-Za-z0-9.-]+(?::\\d+)?)") { append("corsOrigins", [m.groups[1]]) }
            let methods = o.matches("\\b(GET|POST|PUT|DELETE|PATCH|OPTIONS)\\b").map { $0.groups[1] }
            append("corsMethods", methods)
            append("corsHeaders", o.matches("`([A-Za-z-]+)`").map { $0.groups[1] }.filter { $0.first?.isUppercase == true })
        }
        if t.has("throttl|requests?/s|requests per second|rps") {
            putInt("rateLimit", int("(\\d+)\\s*(requests?|req)\\s*(/|per)\\s*s"))
            putInt("burstLimit", int("burst (of |limit )?(\\d+)", 2))
        }
        if t.has("access logs?"), let d = days("(kept|retain|retention)") { putInt("logDays", d) }
        if t.has("stage"), let st = o.capture("`(\\$default|[A-Za-z0-9_-]+)`") { putString("stage", st) }
        if t.has("rest api") && !t.has("(than|not|no|instead of)[^.;]*rest") { put("restRequested", .bool(true)) }
    }

    mutating func container() {
        // Capacity: Fargate Spot or regular (on-demand) Fargate.
        if t.has("\\b(fargate )?spot\\b") && !t.has("\\b(no|not|never|without)\\b[^.;]{0,20}\\bspot\\b") { putString("capacity", "FARGATE_SPOT") }
        else if t.has("\\bon-?demand\\b|\\bregular fargate\\b|\\bno spot\\b") { putString("capacity", "FARGATE") }
        if let v = t.capture("(\\d+(?:\\.\\d+)?)\\s*v?cpus?") { putString("vcpu", v) }
        if t.has("memory|ram|\\bgb\\b"), let m = t.match("(\\d+(?:\\.\\d+)?)\\s*(gb|gib|mb)\\b(?:\\s*(of )?(memory|ram))") ?? t.match("v?cpus?\\s*(?:and|/|,)\\s*(\\d+(?:\\.\\d+)?)\\s*(gb|gib|mb)") { putString("memoryGb", String(Quantities.gigabytes(Double(m[1]) ?? 0, m[2]))) }
        putInt("desired", int("run (\\d+) tasks") ?? int("(\\d+) tasks normally") ?? int("desired (count )?(of )?(\\d+)", 3))
        if let m = t.match("between (\\d+) and (\\d+)( tasks)?") { putInt("min", Int(m[1])); putInt("max", Int(m[2])) }
        if t.has("cpu"), let p = int("~?(\\d+)\\s*(%|percent)") { putInt("cpuTarget", p) }
        if let p = int("listens? on (?:port )?(\\d{2,5})") ?? int("container port (\\d{2,5})") { putInt("port", p) }
        if t.has("health"), let p = o.capture("(?i)health[^.;]*?(/[A-Za-z0-9_/.-]+)") { putString("healthPath", p.hasSuffix(".") && p.count > 1 ? String(p.dropLast()) : p) }
        if t.has("health|start|boot"), let g = seconds("(give it|grace|after)") ?? int("(\\d+) seconds after start") { putInt("grace", g) }
        if t.has("\\benv\\b|environment") && !t.has("\\btag(s|ged)?\\b") { for m in o.matches("(?-i)\\b([A-Z][A-Z0-9_]{1,})\\s*=\\s*([^\\s,`]+)") { append("env", ["\(m.groups[1])=\(m.groups[2])"]) } }
        if t.has("logs?"), let d = days("(keep|kept|retain|retention)") { putInt("logDays", d) }
        if t.has("\\binternal\\b") && !t.has("(not|never) internal") { put("internal", .bool(true)) }
        if t.has("internal|vpn|office|called by"), let cidr = t.capture(Extractors.cidr) { append("allowedCidrs", [cidr]) }
        if let cl = o.capture("(?i)cluster\\s*[`\"“]([^`\"”]+)[`\"”]") { putString("clusterName", cl) }
        if t.has("container insights") { flag("insights", "container insights") }
        if t.has("\\b(arm64|graviton)\\b") && !t.has("(not|no)[^.;]*(arm|graviton)") { putString("arch", "ARM64") }
        if t.has("x86") { putString("arch", "X86_64") }
        if t.has("\\bhttp\\b") && t.has("port (\\d+)"), let p = int("port (\\d+)") { putInt("lbPort", p) }
        if t.has("\\b(no|without|don't need|do not need|not need)\\s+(an? |the |any )?(load balancer|alb)|load balancer[^.;]*(not needed|isn't needed)") { put("noLoadBalancer", .bool(true)) }
        if t.has("\\b(sqs|queue)\\b") && t.has("\\b(reads?|consumes?|polls?|processes)\\b") { put("consumesQueue", .bool(true)) }
        if let arn = o.capture("(arn:aws:acm:[a-z0-9-]+:\\d{12}:certificate/[A-Za-z0-9-]+)") { putString("certificateArn", arn) }
        if let n = int("(\\d+) tasks? min(imum)?") ?? int("min(imum)?\\s*(of )?(\\d+) tasks?", 3) ?? int("at least (\\d+) tasks?") { putInt("min", n) }
        if let n = int("up to (\\d+)( tasks)?") ?? int("max(imum)?\\s*(of )?(\\d+)", 3) ?? int("at most (\\d+)") { putInt("max", n) }
        if !t.has("load balancer|\\balb\\b|listener"), let p = int("^\\W*port:?\\s*(\\d{2,5})") ?? int("(?:on|listens? on|serves? on) port (\\d{2,5})") { putInt("port", p) }
    }

    mutating func registry() {
        if t.has("scan") { flag("scanOnPush", "scan") }
        if t.has("immutable|mutable") { put("immutable", .bool(t.has("immutable") && !t.has("not immutable"))) }
        if let n = int("(?:last|latest|most recent|newest) (\\d+)(?!\\d| ?(days?|hours?|weeks?|months?|d)\\b)") ?? int("keep (?:only )?(?:the )?(?:newest |latest )?(\\d+)") { putInt("keepImages", n) }
        if t.has("untagged"), let d = days("untagged[^.;]*?(after|older than|for)") ?? days("untagged") { putInt("untaggedDays", d) }
        if let prefix = o.capture("(?i)prefix(?:es)?\\s*[`\"“]([A-Za-z0-9._-]{1,64})[`\"”]") { putString("tagPrefix", prefix) }
        if t.has("\\b(aes-?256|sse-s3|s3-managed|no kms|without kms)\\b") { putString("encryption", "AES256") }
        if c.name == nil, let n = o.capture("(?i)(?:ecr )?repo(?:sitory)?\\s*[`\"“]([^`\"”]+)[`\"”]") { c.name = Sourced(n, line: s.line); hit = true }
        // A list of repositories, one name per item ("- cinder/api"), under a line about repositories.
        if s.shape == .bullet, s.normalizedContext.has("\\b(repos|repositories|registries)\\b"),
           let n = o.trimmed.capture("^`?([a-z0-9]+(?:[._-][a-z0-9]+)*(?:/[a-z0-9]+(?:[._-][a-z0-9]+)*)+)`?$") { append("repositories", [n]) }
    }

    mutating func cache() {
        if let nt = o.capture("\\b(cache\\.[a-z0-9]+\\.[a-z0-9]+)\\b") { putString("nodeType", nt) }
        if t.has("replica|failover|primary and") { put("replica", .bool(true)) }
        if t.has("encrypt") { put("encryption", .bool(true)) }
        if let v = t.capture("\\b(\\d\\.\\d) if you") ?? t.capture("redis\\s*(\\d+(?:\\.\\d+)?)") { c.set("version", .string(v), line: s.line); hit = true }
        if t.has("snapshot") {
            putInt("snapshotDays", days("(kept|retain|retention|keep)"))
            if let w = t.match("(\\d{2}:\\d{2})\\s*[-–]\\s*(\\d{2}:\\d{2})") { putString("snapshotWindow", "\(w[1])-\(w[2])") }
        }
        if t.has("maintenance"), let w = t.match("\\b(mon|tue|wed|thu|fri|sat|sun)[a-z]*\\b[^.;]*?(\\d{2}:\\d{2})\\s*[-–]\\s*(\\d{2}:\\d{2})") { putString("maintenanceWindow", "\(w[1]):\(w[2])-\(w[1]):\(w[3])") }
        for sg in ids.sgs { append("allowedSecurityGroups", [sg]) }
        if let n = o.capture("(?i)name things\\s*[`\"“]([^`\"”]+)") { if c.name == nil { c.name = Sourced(n, line: s.line) }; hit = true }
        if t.has("memcached") { put("memcached", .bool(true)) }
        // Engine parameters are hyphenated names given a value ("maxmemory-policy set to volatile-lru").
        for m in t.matches("`?\\b([a-z]+(?:-[a-z]+)+)`?\\s*(?:set to|=|:|to)\\s*[`\"“]?([a-z0-9][a-z0-9.-]*)") where !m.groups[1].has("^(cache|redis|valkey|node|replication|parameter|key|read|write)-") {
            append("parameters", ["\(m.groups[1])=\(m.groups[2].hasSuffix(".") ? String(m.groups[2].dropLast()) : m.groups[2])"])
        }
        if t.has("\\b(own|custom|dedicated|new) parameter group\\b|\\bparameter group\\b[^.;]{0,40}\\binstead of (the )?default") { put("parameterGroup", .bool(true)) }
        if t.has("\\bcluster[- ](enabled|mode)\\b") && !t.has("\\bcluster[- ]mode (disabled|off)|(no|not|without) cluster[- ]mode") { put("clusterMode", .bool(true)) }
    }

    mutating func key() {
        if let a = o.capture("(alias/[A-Za-z0-9/_-]+)") { putString("alias", a) }
        if let arn = o.capture("(arn:aws:kms:[a-z0-9-]+:\\d{12}:key/[A-Za-z0-9-]+)") { putString("arn", arn) }
        if t.has("rotation|rotate") { flag("rotation", "rotation|rotate") }
        if t.has("deletion window|pending window"), let d = days("window") { putInt("deletionDays", d) }
        for m in t.matches("\\b(s3|sqs|sns|rds|dynamodb|logs|secretsmanager|lambda|ec2)\\.[a-z0-9-]+\\.amazonaws\\.com") { append("viaServices", [m.groups[1]]) }
        if let acct = t.capture("\\b(\\d{12})\\b") { putString("account", acct) }
    }

    mutating func secret() {
        if let d = o.capture("(?i)description\\s*:?\\s*[`\"“]([^`\"”]+)[`\"”]") { putString("description", d) }
        if t.has("recovery window"), let d = days("recovery window") { putInt("recoveryDays", d) }
        if t.has("rotat") && !t.has("\\b(kms|key)\\b") { flag("rotation", "rotat") }
        if t.has("\\bvalue\\b") { put("valueOutsideTerraform", .bool(true)) }
        if t.has("read access|read|getsecretvalue"), let r = o.capture("(?i)role\\s*[`\"“]([^`\"”]+)[`\"”]") { append("readers", [r]) }
        if c.name == nil, let n = o.capture("(?i)secret name\\s*:?\\s*`([^`]+)`") ?? o.capture("(?i)\\b(?:as|named|called)\\s*[`\"“]([A-Za-z0-9/_+=.@-]+)[`\"”]") { c.name = Sourced(n, line: s.line); hit = true }
    }

    mutating func alarm() {
        if c.name == nil, Reader.mentionsMetric(s), let title = o.capture("^([A-Za-z][^—–:]{2,40}?)(?:\\s*[—–:]|\\s+-)\\s") { c.name = Sourced(title, line: s.line); hit = true }
        if let metric = o.capture("(?-i)\\b(" + AlarmBlock.namespaces.keys.sorted().joined(separator: "|") + ")\\b") ?? (t.has("\\bcpu\\b") ? "CPUUtilization" : nil) {
            putString("metric", metric)
        }
        if c.string("metric") == nil {
            let phrases: [(String, String)] = [("messages? (are )?waiting|waiting messages", "ApproximateNumberOfMessagesVisible"), ("free (storage|disk)", "FreeStorageSpace"), ("5xx|server errors", "HTTPCode_Target_5XX_Count"), ("\\berrors?\\b", "Errors"),
                                               ("throttl", "Throttles"), ("(connections)", "DatabaseConnections"), ("(messages? visible|queue depth|backlog|messages in the queue)", "ApproximateNumberOfMessagesVisible"),
                                               ("(oldest message|message age)", "ApproximateAgeOfOldestMessage"), ("(unhealthy (hosts?|targets?))", "UnHealthyHostCount"), ("(free(able)? memory)", "FreeableMemory"), ("status checks? (fails?|failed|failing)", "StatusCheckFailed")]
            if let hit = phrases.first(where: { t.has($0.0) }) { putString("metric", hit.1) }
        }
        if t.has("\\b(rds|database|db)\\b"), let id = o.capture("(?i)(?:rds|database|db)(?: instance)?\\s*[`\"“]([A-Za-z0-9-]+)[`\"”]") { putString("dbInstance", id) }
        if let cmp = Values.comparison(in: t) {
            putString("comparison", cmp.op)
            var value = cmp.value
            switch cmp.unit {
            case "gb", "gib": value *= 1_073_741_824
            case "mb", "mib": value *= 1_048_576
            // Lambda's Duration is in milliseconds, a load balancer's response time in seconds.
            case "s", "sec", "secs", "second", "seconds": if c.string("metric") == "Duration" { value *= 1000 }
            case "ms", "millisecond", "milliseconds": if c.string("metric") == "TargetResponseTime" { value /= 1000 }
            default: break
            }
            putString("threshold", value == value.rounded() ? String(Int(value)) : String(value))
        }
        let window = Values.alarmWindow(in: t)
        putInt("period", window.period)
        putInt("periods", window.periods)
        // A dashboard's percentiles are its widgets', not the alarm's.
        if let p = Values.percentile(in: t), !t.has("\\b(dashboards?|widgets?|graphs?)\\b") { putString("extendedStatistic", p) }
        // CloudWatch takes the statistic's own spelling only ("sum" is refused by the API).
        if let st = o.capture("\\b(Average|Maximum|Minimum|Sum|SampleCount)\\b"),
           let canonical = ["Average", "Maximum", "Minimum", "Sum", "SampleCount"].first(where: { $0.caseInsensitiveCompare(st) == .orderedSame }) {
            putString("statistic", canonical)
        }
        // On a line of its own ("Missing data should not page anyone") it holds for every alarm.
        let missingKey = Reader.mentionsMetric(s) ? "missingData" : "missingDataAll"
        if t.has("not breaching|notbreaching|missing data[^.;]{0,40}\\b(ok|fine|good|healthy|not (page|alarm|alert|fire|count))\\b") { putString(missingKey, "notBreaching") }
        else if t.has("missing data[^.;]{0,30}\\bignor|\\bignore missing data") { putString(missingKey, "ignore") }
        else if t.has("breaching") { putString(missingKey, "breaching") }
        // What it watches, named in the line ("kelpie-order-writer errors: …"): matched to a component when rendered.
        if Reader.mentionsMetric(s), let subject = o.capture("(?i)^\\W*[`\"“]?([a-z0-9][a-z0-9_.-]*[-_][a-z0-9_.-]*[a-z0-9])[`\"”]?") ?? o.capture("(?i)\\b(?:function|lambda|table|queue|instance|database|db|service|cluster|load balancer|alb|topic|bucket)\\s+[`\"“]([A-Za-z0-9_.:/-]+)[`\"”]") { putString("subject", subject) }
        if let i = o.capture("\\b(i-[0-9a-f]{8,})\\b") { putString("instanceId", i) }
        if let q = o.capture("`([A-Za-z0-9_-]+)`"), t.has("queue|messages") { putString("queueName", q) }
        if t.has("same queue") { put("sameQueue", .bool(true)) }
        if t.has("return to ok|back to ok|resolv|recover") { put("okActions", .bool(true)) }
    }

    mutating func fileSystem() {
        if t.has("max ?io") { putString("performanceMode", "maxIO") } else if t.has("general purpose") { putString("performanceMode", "generalPurpose") }
        if t.has("elastic") && t.has("throughput") { putString("throughputMode", "elastic") }
        else if t.has("bursting") { putString("throughputMode", "bursting") }
        if t.has("infrequent access|\\bia\\b"), let d = days("") { putInt("iaDays", d) }
        if t.has("come back|back to (the )?(normal|standard)|when (somebody|someone) (opens?|reads?|accesse?s?)|on (first )?access") { put("backOnAccess", .bool(true)) }
        if t.has("backup") { flag("backups", "backups?") }
        if t.has("encrypt") { put("encrypted", .bool(true)) }
        if t.has("2049|nfs") && t.has("only|connect") { put("restrictToInstances", .bool(true)) }
    }

    mutating func role() {
        for m in t.matches("\\b([a-z0-9-]+)\\.amazonaws\\.com") where t.has("trust") || t.has("principal") { append("trust", [m.groups[1]]) }
        if let svc = t.capture("trusted by (ec2|lambda|ecs(?:-tasks)?|ecs tasks)\\b") { append("trust", [svc.hasPrefix("ecs") ? "ecs-tasks" : svc]) }
        if let p = o.capture("(?i)(?:under|prefix)\\s+`?([A-Za-z0-9_.-]+/)") { putString("prefix", p) }
        if let b = o.capture("(arn:aws:iam::\\d{12}:policy/[A-Za-z0-9+=,.@_/-]*[A-Za-z0-9+=@_/-])") , t.has("boundary") || s.normalizedContext.has("boundary") || t.has("must carry") { putString("boundary", b) }
        if t.has("instance profile") && !t.has("(no|not|without)[^.;]*instance profile") { put("instanceProfile", .bool(true)) }
        if let actionsMatch = Optional(o.matches("(?-i)(?<![:\\w])`?\\b((?:s3|kms|dynamodb|sqs|sns|logs|secretsmanager|ssm|ec2|lambda|cloudwatch):[A-Z*][A-Za-z*]*)`?").filter { !$0.groups[1].has(":(ViaService|CallerAccount|EncryptionContext\\w*|SourceArn|SourceAccount|ResourceTag|RequestTag|PrincipalTag|SecureTransport)$") }), !actionsMatch.isEmpty,
           !t.has("\\b(no|nothing else|not)\\b[^.;]*\\b(s3|kms):"), !t.has("^nothing else") {
            let actions = actionsMatch.map { $0.groups[1] }
            var resource = ""
            if let r = o.capture("(arn:aws:[a-z0-9-]+:[a-z0-9-]*:\\d*:[A-Za-z0-9/_.*:-]+)") , !r.contains(":policy/") { resource = r }
            else if let r = o.capture("`([a-z0-9][a-z0-9.-]+/[A-Za-z0-9_./*-]+)`") { resource = "bucket:" + r }
            else if let b = o.capture("(?i)bucket\\s+`?([a-z0-9][a-z0-9.-]{2,62})`?"), b.contains("-") || b.contains(".") {
                resource = "bucket:" + b + (actions.allSatisfy { $0 == "s3:ListBucket" } ? "" : "/" + (o.capture("(?i)under\\s+`?([A-Za-z0-9_.-]+/)") ?? "") + "*")
            }
            else if t.has("on the bucket") || t.has("bucket") { resource = "bucket:" }
            var condition = ""
            if let p = o.capture("(?i)s3:prefix[^`]*`?[^`]*`\\s*(?:condition\\s*)?to\\s*`([^`]+)`") ?? o.capture("(?i)prefix` condition to `([^`]+)`") { condition = "s3:prefix=" + p }
            if let v = t.capture("viaservice[^a-z]*?([a-z0-9]+\\.[a-z0-9-]+\\.amazonaws\\.com)") { condition = "kms:ViaService=" + v }
            if condition.isEmpty, actions.contains("s3:ListBucket"), let p = o.capture("(?i)(?:under|list(?:ing)? (?:that |the )?prefix|prefix)\\s+`?([A-Za-z0-9_.-]+/)") ?? c.string("prefix") { condition = "s3:prefix=" + p }
            append("statements", [actions.joined(separator: ",") + "|" + resource + "|" + condition])
        }
        if t.has("session manager|ssm managed|amazonssmmanagedinstancecore") && !t.has("(no|not|out of scope)[^.;]*ssm") { put("ssm", .bool(true)) }
        if t.has("max session"), let h = seconds("max session") { putInt("maxSession", h) }
    }
}

extension Reader {
    /// Whether a statement names a CloudWatch metric (a CamelCase metric or CPU with a threshold).
    static func mentionsMetric(_ s: Statement) -> Bool {
        // Metric names that are also plain words ("Duration", "Count") count only with a threshold.
        s.text.has("(?-i)\\b(" + AlarmBlock.namespaces.keys.filter { !["Duration", "Count", "Latency"].contains($0) }.sorted().joined(separator: "|") + ")\\b")
            || (s.text.has("(?-i)\\b(Duration|Count|Latency)\\b") && Values.comparison(in: s.normalized) != nil)
            || (s.normalized.has("\\bcpu\\b") && s.normalized.has("(above|over|>|exceeds?)\\s*\\d+\\s*%"))
    }
}
