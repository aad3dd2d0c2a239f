import Foundation
import Yams

extension EZBuiltConfig {
    /// Reads and validates the configuration file at `path`.
    /// - Throws: `ConfigErrors` listing every problem with its key path and line.
    public static func load(path: String) throws(ConfigErrors) -> EZBuiltConfig {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw ConfigErrors(file: path, errors: [.init(path: "", line: nil, message: "cannot read the file: \(error.localizedDescription)")])
        }
        guard data.count <= 1 << 20 else {
            throw ConfigErrors(file: path, errors: [.init(path: "", line: nil, message: "the file is larger than 1 MiB")])
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw ConfigErrors(file: path, errors: [.init(path: "", line: nil, message: "the file is not UTF-8 text")])
        }
        return try parse(yaml: text, file: path)
    }

    /// Parses and validates configuration text. `file` only names the source in errors.
    public static func parse(yaml: String, file: String = "<string>") throws(ConfigErrors) -> EZBuiltConfig {
        let root: Node?
        do {
            root = try Yams.compose(yaml: yaml)
        } catch let error as YamlError {
            throw ConfigErrors(file: file, errors: Self.syntaxErrors(error, yaml: yaml))
        } catch {
            throw ConfigErrors(file: file, errors: [.init(path: "", line: nil, message: "not valid YAML: \(error)")])
        }
        guard let root else {
            throw ConfigErrors(file: file, errors: [.init(path: "", line: nil, message: "the file is empty")])
        }
        let problems = ProblemList()
        let config = ConfigParser(problems: problems).config(root)
        guard problems.errors.isEmpty, let config else {
            // In file order, so the list reads top to bottom like the file.
            let ordered = problems.errors.enumerated().sorted {
                ($0.element.line ?? 0, $0.offset) < ($1.element.line ?? 0, $1.offset)
            }.map(\.element)
            throw ConfigErrors(file: file, errors: ordered)
        }
        return config
    }

    private static func syntaxErrors(_ error: YamlError, yaml: String) -> [ConfigError] {
        switch error {
        case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _), .composer(_, let problem, let mark, _):
            return [ConfigError(path: "", line: mark.line, message: "not valid YAML: \(problem)")]
        case .duplicatedKeysInMapping(let duplicates, let context):
            // Yams marks the mapping; the useful line is the key's second appearance.
            let lines = yaml.split(separator: "\n", omittingEmptySubsequences: false)
            return duplicates.sorted().map { key in
                let uses = lines.indices.filter { index in
                    index + 1 >= context.mark.line
                        && lines[index].trimmingCharacters(in: .whitespaces).drop(while: { $0 == "-" || $0 == " " })
                            .hasPrefix("\(key):")
                }
                return ConfigError(path: key, line: uses.dropFirst().first.map { $0 + 1 } ?? context.mark.line, message: "is given more than once")
            }
        default:
            return [ConfigError(path: "", line: nil, message: "not valid YAML: \(error)")]
        }
    }
}

/// Turns the YAML tree into typed config, reporting every problem to `problems`.
private struct ConfigParser {
    let problems: ProblemList

    func config(_ root: Node) -> EZBuiltConfig? {
        guard let top = MappingReader(root, path: "", problems: problems) else { return nil }
        var config = EZBuiltConfig()
        if let dataDir = top.string("dataDir") {
            if dataDir.isEmpty { top.report("dataDir", "must not be empty") } else { config.dataDir = dataDir }
        }
        if let listen = top.string("listen") {
            if let address = Validate.listenAddress(listen) {
                config.listen = address
            } else {
                top.report("listen", "\"\(listen)\" is not host:port (for example 127.0.0.1:8080)")
            }
        }
        if let tf = top.mapping("terraform") {
            config.terraform = terraform(tf)
        }
        if let defaults = top.mapping("defaults") {
            config.defaults = self.defaults(defaults)
        }
        config.sandbox = sandbox(top)
        if let auth = top.mapping("auth") {
            config.auth = AuthSettings.parse(auth)
        }
        if let policy = top.mapping("policy") {
            config.policy = PolicyConfig.parse(policy)
        }
        if let generator = top.mapping("generator") {
            config.generator = GeneratorSettings.parse(generator)
        }
        if let store = top.mapping("store") {
            config.store = self.store(store)
        }

        var seenIDs: [String: Int] = [:]
        for (path, node) in top.sequence("repositories") {
            guard let reader = MappingReader(node, path: path, problems: problems),
                  let repository = repository(reader, defaults: config.defaults)
            else { continue }
            if seenIDs[repository.id] != nil {
                problems.add(MappingReader.join(path, "id"), reader.value("id"), "\"\(repository.id)\" is already the id of another repository")
            }
            seenIDs[repository.id, default: 0] += 1
            if case .postgres = config.store, repository.state == .local {
                // Replicas share the work: a stack's state must be where every replica sees it.
                problems.add(MappingReader.join(path, "state"), reader.value("state") ?? node,
                             "must be a remote backend when store.postgres is set (replicas share the work): state: { backend: s3, bucket: …, dynamodbTable: … }")
            } else if case .postgres = config.store, case .s3(_, _, _, dynamodbTable: nil) = repository.state {
                // Leases keep replicas apart; terraform's own lock is the second line, for the
                // operator running terraform by hand against the same state.
                problems.add(MappingReader.join(path, "state"), reader.value("state") ?? node,
                             "needs dynamodbTable when store.postgres is set (replicas share the work and terraform's state lock is kept in DynamoDB)")
            }
            config.repositories.append(repository)
        }
        top.rejectUnknownKeys()
        return config
    }

    /// `store: { postgres: { urlEnv: NAME, leaseDuration: 60s } }`; no `store` (or
    /// `store: { sqlite: {} }`) is SQLite.
    private func store(_ reader: MappingReader) -> StoreSettings {
        var settings = StoreSettings.sqlite
        if let postgres = reader.mapping("postgres") {
            if let name = postgres.requiredString("urlEnv") {
                var lease = StoreSettings.defaultLeaseDuration
                if let duration = postgres.duration("leaseDuration") {
                    if duration >= .seconds(3) {
                        lease = duration
                    } else {
                        postgres.report("leaseDuration", "must be at least 3s (it is renewed every third of it)")
                    }
                }
                if Validate.environmentName(name) {
                    settings = .postgres(urlEnv: name, leaseDuration: lease)
                } else {
                    postgres.report("urlEnv", "\"\(name)\" is not an environment variable name")
                }
            }
            postgres.rejectUnknownKeys()
        }
        if let sqlite = reader.mapping("sqlite") {
            if case .postgres = settings { reader.report("sqlite", "choose one of sqlite and postgres") }
            sqlite.rejectUnknownKeys()
        }
        reader.rejectUnknownKeys()
        return settings
    }

    private func terraform(_ reader: MappingReader) -> TerraformSettings {
        var settings = TerraformSettings()
        if let binary = reader.string("binary") { settings.binary = binary }
        settings.pluginDir = reader.string("pluginDir")
        if let parallelism = reader.int("parallelism", in: 1...64) { settings.parallelism = parallelism }
        if let timeout = reader.duration("timeout") { settings.timeout = timeout }
        if let confine = reader.bool("confine") { settings.confine = confine }
        reader.rejectUnknownKeys()
        return settings
    }

    private func defaults(_ reader: MappingReader) -> Defaults {
        var defaults = Defaults()
        if let poll = reader.duration("pollInterval") { defaults.pollInterval = poll }
        if let drift = reader.duration("driftInterval") { defaults.driftInterval = drift }
        if let region = region(reader, "region") { defaults.region = region }
        if let limit = reader.int("maxStacksPerPush", in: 1...100_000) { defaults.maxStacksPerPush = limit }
        reader.rejectUnknownKeys()
        return defaults
    }

    /// `sandbox: true`, or `sandbox: { endpoint: http://127.0.0.1:5000 }`.
    private func sandbox(_ top: MappingReader) -> SandboxSettings? {
        guard let node = top.value("sandbox") else { return nil }
        if node.scalar != nil {
            return top.bool("sandbox") == true ? SandboxSettings() : nil
        }
        guard let reader = top.mapping("sandbox") else { return nil }
        var settings = SandboxSettings()
        if let endpoint = reader.string("endpoint") {
            if let url = Validate.loopbackURL(endpoint) {
                settings.endpoint = url
            } else {
                reader.report("endpoint", "\"\(endpoint)\" is not an http URL on a loopback address")
            }
        }
        reader.rejectUnknownKeys()
        return settings
    }

    private func repository(_ reader: MappingReader, defaults: Defaults) -> RepositoryConfig? {
        let id = reader.requiredString("id")
        if let id, !Validate.identifier(id) {
            reader.report("id", "\"\(id)\" must be lower-case letters, digits, '.', '_' or '-', starting with a letter or digit, at most 64 characters")
        }
        let url = reader.requiredString("url")
        var repository = RepositoryConfig(id: id ?? "", url: url ?? "")
        repository.aws.region = defaults.region
        repository.pollInterval = defaults.pollInterval
        repository.maxStacksPerPush = defaults.maxStacksPerPush
        repository.drift.interval = defaults.driftInterval

        for key in ["deployBranch", "statusBranch"] {
            guard let branch = reader.string(key) else { continue }
            if !Validate.branchName(branch) {
                reader.report(key, "\"\(branch)\" is not a valid branch name")
            } else if key == "deployBranch" {
                repository.deployBranch = branch
            } else {
                repository.statusBranch = branch
            }
        }
        if repository.deployBranch == repository.statusBranch {
            reader.report("statusBranch", "must differ from deployBranch (the deploy branch is never written)")
        }
        if let stacks = reader.string("stacks") {
            if stacks.hasPrefix("/") || stacks.split(separator: "/").contains("..") || !stacks.hasSuffix("requirements.md") {
                reader.report("stacks", "\"\(stacks)\" must be a relative glob ending in requirements.md, without '..'")
            } else {
                repository.stacks = stacks
            }
        }
        if let credentials = reader.mapping("credentials") {
            repository.credentials = self.credentials(credentials)
        }
        if let aws = reader.mapping("aws") {
            repository.aws = self.aws(aws, defaultRegion: defaults.region)
        }
        if let allow = reader.bool("allowDestroy") { repository.allowDestroy = allow }
        if let require = reader.bool("requireReview") { repository.requireReview = require }
        if let drift = reader.mapping("drift") {
            if let enabled = drift.bool("enabled") { repository.drift.enabled = enabled }
            if let interval = drift.duration("interval") { repository.drift.interval = interval }
            if let remediate = drift.bool("remediate") { repository.drift.remediate = remediate }
            drift.rejectUnknownKeys()
        }
        if let poll = reader.duration("pollInterval") { repository.pollInterval = poll }
        if let limit = reader.int("maxStacksPerPush", in: 1...100_000) { repository.maxStacksPerPush = limit }
        if let state = reader.mapping("state") {
            repository.state = self.state(state, defaultRegion: repository.aws.region)
        }
        if let env = environmentName(reader, "webhookSecretEnv") { repository.webhookSecretEnv = env }
        if let forge = reader.mapping("forge") { repository.forge = ForgeSettings.parse(forge) }
        reader.rejectUnknownKeys()
        return id == nil || url == nil ? nil : repository
    }

    private func credentials(_ reader: MappingReader) -> GitCredentialSettings {
        let tokenEnv = environmentName(reader, "tokenEnv")
        let username = reader.string("username")
        let sshKey = reader.string("sshKey")
        let passphraseEnv = environmentName(reader, "sshKeyPassphraseEnv")
        reader.rejectUnknownKeys()
        switch (tokenEnv, sshKey) {
        case (let env?, nil):
            if passphraseEnv != nil { reader.report("sshKeyPassphraseEnv", "goes with sshKey, not tokenEnv") }
            return .token(env: env, username: username ?? "x-access-token")
        case (nil, let key?):
            if !key.hasPrefix("/") { reader.report("sshKey", "must be an absolute path") }
            if username != nil { reader.report("username", "goes with tokenEnv, not sshKey") }
            return .sshKey(path: key, passphraseEnv: passphraseEnv)
        case (nil, nil):
            if reader.keys.isEmpty { return .none }
            problems.add(reader.path, reader.node, "needs tokenEnv or sshKey")
            return .none
        case (.some, .some):
            problems.add(reader.path, reader.node, "give tokenEnv or sshKey, not both")
            return .none
        }
    }

    private func aws(_ reader: MappingReader, defaultRegion: String) -> AWSSettings {
        var settings = AWSSettings(region: region(reader, "region") ?? defaultRegion)
        (settings.roleArn, settings.externalId, settings.externalIdEnv) = role(reader)
        if let tags = reader.stringMap("defaultTags") { settings.defaultTags = tags }
        settings.allowedRegions = allowedRegions(reader, containing: settings.region, "the repository's own region")
        if let stacks = reader.mapping("stacks") {
            for pattern in stacks.keys {
                guard let account = stacks.mapping(pattern) else { continue }
                if pattern.isEmpty || pattern.hasPrefix("/") || pattern.split(separator: "/").contains("..") {
                    stacks.report(pattern, "\"\(pattern)\" must be a relative glob of stack directories (like prod/**), without '..'")
                }
                var entry = StackAccount(pattern: pattern, region: region(account, "region"))
                (entry.roleArn, entry.externalId, entry.externalIdEnv) = role(account)
                let effectiveRegion = entry.region ?? settings.region
                entry.allowedRegions = allowedRegions(account, containing: effectiveRegion, "these stacks' region")
                if entry.allowedRegions == nil, let allowed = settings.allowedRegions, !allowed.contains(effectiveRegion) {
                    account.report("region", "\(effectiveRegion) is not in aws.allowedRegions")
                }
                if entry.region == nil, entry.roleArn == nil {
                    account.report("roleArn", "needs roleArn or region (or both)")
                }
                account.rejectUnknownKeys()
                settings.stacks.append(entry)
            }
        }
        reader.rejectUnknownKeys()
        return settings
    }

    /// `roleArn` with `externalId` or `externalIdEnv`.
    private func role(_ reader: MappingReader) -> (String?, String?, String?) {
        var roleArn: String?
        if let arn = reader.string("roleArn") {
            if Validate.roleARN(arn) {
                roleArn = arn
            } else {
                reader.report("roleArn", "\"\(arn)\" is not an IAM role ARN (arn:aws:iam::123456789012:role/Name)")
            }
        }
        let externalId = reader.string("externalId")
        let externalIdEnv = environmentName(reader, "externalIdEnv")
        if externalId != nil, externalIdEnv != nil {
            reader.report("externalIdEnv", "give externalId or externalIdEnv, not both")
        }
        if reader.value("roleArn") == nil, externalId != nil || externalIdEnv != nil {
            reader.report("roleArn", "is required when an external id is given")
        }
        return (roleArn, externalId, externalIdEnv)
    }

    private func allowedRegions(_ reader: MappingReader, containing region: String, _ whose: String) -> [String]? {
        guard let regions = reader.strings("allowedRegions") else { return nil }
        for bad in regions where !Validate.region(bad) {
            reader.report("allowedRegions", "\"\(bad)\" is not an AWS region name (like eu-west-1)")
        }
        if !regions.contains(region) {
            reader.report("allowedRegions", "does not contain \(whose) \(region)")
        }
        return regions
    }

    private func state(_ reader: MappingReader, defaultRegion: String) -> StateBackendSettings {
        let backend = reader.string("backend") ?? "local"
        switch backend {
        case "local":
            reader.rejectUnknownKeys()
            return .local
        case "s3":
            let bucket = reader.requiredString("bucket")
            let prefix = reader.string("keyPrefix") ?? "ezbuilt"
            let region = region(reader, "region") ?? defaultRegion
            let table = reader.string("dynamodbTable")
            reader.rejectUnknownKeys()
            return .s3(bucket: bucket ?? "", keyPrefix: prefix, region: region, dynamodbTable: table)
        default:
            reader.report("backend", "\"\(backend)\" is not a state backend (local or s3)")
            reader.rejectUnknownKeys()
            return .local
        }
    }

    private func region(_ reader: MappingReader, _ key: String) -> String? {
        guard let region = reader.string(key) else { return nil }
        guard Validate.region(region) else {
            reader.report(key, "\"\(region)\" is not an AWS region (for example us-east-1)")
            return nil
        }
        return region
    }

    private func environmentName(_ reader: MappingReader, _ key: String) -> String? {
        guard let name = reader.string(key) else { return nil }
        guard Validate.environmentName(name) else {
            reader.report(key, "\"\(name)\" is not an environment variable name")
            return nil
        }
        return name
    }
}
