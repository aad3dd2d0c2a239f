/// The guard: decides whether Terraform from a repository may be given to `terraform init`
/// and `plan` at all.
///
/// A plan runs code: `data "external"` executes a program, provisioners run during apply,
/// a third-party provider is arbitrary code, and functions like `file()` read the server's
/// files into the plan (and from there into PLAN.md). The guard reads the stack's files as
/// text with a real HCL tokenizer (and a JSON parser for `.tf.json`) and refuses anything
/// on its list before any terraform command runs. It is pure: the caller reads the files
/// (and refuses symlinks leaving the stack while doing so).
public enum Guard {
    /// Functions that read files on the machine running Terraform.
    public static let fileFunctions: Set<String> = [
        "file", "fileexists", "fileset", "filebase64", "filebase64sha256", "filebase64sha512",
        "filemd5", "filesha1", "filesha256", "filesha512", "templatefile",
    ]

    /// AWS resource arguments that make the provider read (and upload) a local file.
    public static let localFileArguments: [String: Set<String>] = [
        "aws_s3_object": ["source"],
        "aws_s3_bucket_object": ["source"],
        "aws_lambda_function": ["filename"],
        "aws_lambda_layer_version": ["filename"],
    ]

    /// `aws` provider arguments a stack may set; the rest (credentials, profiles, endpoints,
    /// proxies, CA bundles, assume-role) belong to the daemon's injected configuration.
    public static let allowedAWSProviderArguments: Set<String> = [
        "region", "alias", "default_tags", "ignore_tags", "allowed_account_ids",
        "forbidden_account_ids", "max_retries", "retry_mode", "use_fips_endpoint",
        "use_dualstack_endpoint", "s3_us_east_1_regional_endpoint",
    ]

    /// Checks every file of a stack. `files` are paths relative to the stack root with their
    /// contents; pass every file of the stack, not only Terraform: templates read by
    /// `templatefile()` are evaluated by Terraform (and may call `file()` themselves), so a
    /// template that is not among `files` cannot be checked and is refused. Files other than
    /// `.tf`/`.tf.json` are otherwise only checked by name.
    public static func check(
        files: [(path: String, contents: String)], configuration: GuardConfiguration = GuardConfiguration()
    ) -> GuardReport {
        var violations: [GuardViolation] = []
        var contents: [String: String] = [:]
        for file in files {
            if let normalized = StackPath.normalize(file.path) { contents[normalized] = file.contents }
        }
        for file in files {
            var inspector = GuardInspector(file: file.path, configuration: configuration, stackFiles: contents)
            inspector.inspect(contents: file.contents)
            violations += inspector.violations
        }
        return GuardReport(violations: violations)
    }
}

/// Inspects one file; collects violations.
struct GuardInspector {
    let file: String
    let configuration: GuardConfiguration
    /// Every file of the stack by normalized path, for templates read by `templatefile()`.
    let stackFiles: [String: String]
    var violations: [GuardViolation] = []
    /// Templates already scanned on the current path (templatefile cannot recurse in
    /// Terraform, but a hostile stack should not make the guard loop either).
    private var templatesInProgress: Set<String> = []

    init(file: String, configuration: GuardConfiguration, stackFiles: [String: String] = [:]) {
        self.file = file
        self.configuration = configuration
        self.stackFiles = stackFiles
    }

    private var directory: String { StackPath.directory(of: StackPath.normalize(file) ?? file) }

    mutating func refuse(_ rule: GuardRule, line: Int, _ message: String) {
        violations.append(GuardViolation(file: file, line: line, rule: rule, message: message))
    }

    mutating func inspect(contents: String) {
        guard let normalized = StackPath.normalize(file) else {
            refuse(.forbiddenPath, line: 1, "path \(file) leaves the stack")
            return
        }
        if normalized.split(separator: "/").contains(".terraform") {
            refuse(.forbiddenPath, line: 1, "files under .terraform are the working directory's, not the repository's")
        }
        let name = StackPath.fileName(normalized)
        if name == ".terraformrc" || name == "terraform.rc" || name.hasSuffix(".tfrc") {
            refuse(.cliConfigFile, line: 1, "\(name) would configure the Terraform CLI (plugin sources, credentials)")
        }
        if name == "override.tf" || name == "override.tf.json" || name.hasSuffix("_override.tf")
            || name.hasSuffix("_override.tf.json")
        {
            refuse(.overrideFile, line: 1, "\(name) would override the generated and injected configuration")
        }
        if name.hasSuffix(".tf.json") {
            do {
                inspectJSON(try LinedJSON.parse(contents))
            } catch {
                refuse(.syntax, line: error.line, "cannot parse JSON: \(error.message)")
            }
        } else if name.hasSuffix(".tf") {
            do {
                let parsed = try HCLFile.parse(contents)
                for block in parsed.body.blocks { inspect(block: block, parents: []) }
                for attribute in parsed.body.attributes {
                    refuse(.syntax, line: attribute.line, "top-level attribute \(attribute.name) is not valid Terraform")
                }
            } catch {
                refuse(.syntax, line: error.line, "cannot parse HCL: \(error.message)")
            }
        }
    }

    // MARK: Native syntax

    private mutating func inspect(block: HCLBlock, parents: [String]) {
        let atTop = parents.isEmpty
        switch block.type {
        case "provisioner":
            refuse(.provisioner, line: block.line, "provisioner \"\(block.labels.first ?? "")\" in \(parents.joined(separator: " ")) block")
        case "resource" where atTop, "ephemeral" where atTop:
            if let type = block.labels.first {
                checkResourceType(type, kind: block.type, line: block.line)
                for attribute in block.body.attributes {
                    if attribute.name == "provider" { checkProviderReference(attribute.expression, line: attribute.line) }
                    if Guard.localFileArguments[type]?.contains(attribute.name) == true {
                        checkLocalFile(type: type, argument: attribute.name, literal: attribute.literalString, line: attribute.line)
                    }
                }
            }
        case "data" where atTop || parents == ["check"]:
            if let type = block.labels.first {
                checkResourceType(type, kind: "data", line: block.line)
                for attribute in block.body.attributes where attribute.name == "provider" {
                    checkProviderReference(attribute.expression, line: attribute.line)
                }
            }
        case "provider" where atTop:
            let name = block.labels.first ?? ""
            checkProviderName(name, line: block.line, context: "provider block")
            if name == "aws" {
                for attribute in block.body.attributes {
                    checkAWSProviderArgument(attribute.name, line: attribute.line)
                }
                for nested in block.body.blocks {
                    checkAWSProviderArgument(nested.type, line: nested.line)
                }
            }
        case "backend", "cloud":
            if parents == ["terraform"] {
                refuse(.backend, line: block.line, "\(block.type) block: the daemon configures state")
            }
        case "required_providers" where parents == ["terraform"]:
            for attribute in block.body.attributes {
                checkRequiredProvider(attribute.name, source: requiredProviderSource(attribute.expression), line: attribute.line)
            }
        case "module" where atTop:
            let name = block.labels.first ?? ""
            if let source = block.body.attribute("source") {
                checkModuleSource(source.literalString, module: name, line: source.line)
            } else {
                refuse(.moduleSource, line: block.line, "module \(name) has no source")
            }
        default:
            break
        }
        for attribute in block.body.attributes {
            scanFunctions(attribute.expression)
        }
        for nested in block.body.blocks {
            inspect(block: nested, parents: parents + [block.type])
        }
    }

    /// `source = "..."` inside a required_providers entry; `.some(nil)` when the source is
    /// not a literal, nil when there is no source (a bare version string).
    private func requiredProviderSource(_ tokens: [HCLToken]) -> String?? {
        let meaningful = tokens.filter { $0.kind != .newline && !$0.isPunctuation(",") }
        for (offset, token) in meaningful.enumerated() where token.identifier == "source" {
            guard offset + 2 < meaningful.count,
                meaningful[offset + 1].isPunctuation("=") || meaningful[offset + 1].isPunctuation(":")
            else { continue }
            return .some(meaningful[offset + 2].template?.literalValue)
        }
        return nil
    }

    private mutating func checkProviderReference(_ tokens: [HCLToken], line: Int) {
        guard let first = tokens.first(where: { $0.kind != .newline })?.identifier else { return }
        let name = String(first.split(separator: ".").first ?? "")
        checkProviderName(name, line: line, context: "provider meta-argument")
    }

    /// Reports calls of file-reading functions whose path argument is not a safe literal,
    /// including calls inside string templates and heredocs.
    mutating func scanFunctions(_ tokens: [HCLToken]) {
        let meaningful = tokens.filter { $0.kind != .newline }
        for (offset, token) in meaningful.enumerated() {
            if let template = token.template {
                for inner in template.expressionTokens { scanFunctions(inner) }
                continue
            }
            guard let identifier = token.identifier else { continue }
            let name = String(identifier.split(separator: ":").last ?? "")
            guard Guard.fileFunctions.contains(name), offset + 1 < meaningful.count,
                meaningful[offset + 1].isPunctuation("(")
            else { continue }
            let arguments = callArguments(meaningful, openingAt: offset + 1)
            let checked = name == "fileset" ? Array(arguments.prefix(2)) : Array(arguments.prefix(1))
            if checked.isEmpty {
                refuse(.fileFunction, line: token.line, "\(name)() without a path")
            }
            for argument in checked {
                if argument.count == 1, let literal = argument[0].template?.literalValue {
                    if !StackPath.isSafeLiteralPath(literal) {
                        refuse(.fileFunction, line: token.line, "\(name)(\"\(literal)\") reads outside the stack")
                    } else if name == "templatefile" {
                        scanTemplateFile(literal, line: token.line)
                    }
                } else {
                    refuse(.fileFunction, line: token.line, "\(name)() with a computed path; only literal relative paths inside the stack are allowed")
                }
            }
        }
    }

    /// Scans a template file read by `templatefile()`: its interpolations are evaluated by
    /// Terraform and can call the file functions themselves.
    private mutating func scanTemplateFile(_ path: String, line: Int) {
        guard let normalized = StackPath.normalize(path), let contents = stackFiles[normalized] else {
            refuse(.fileFunction, line: line, "templatefile(\"\(path)\"): the template is not among the stack's files, so it cannot be checked")
            return
        }
        guard templatesInProgress.insert(normalized).inserted else { return }
        defer { templatesInProgress.remove(normalized) }
        do {
            let template = try HCLLexer.tokenizeTemplate(contents, line: 1)
            let before = violations.count
            for tokens in template.expressionTokens { scanFunctions(tokens) }
            for index in before..<violations.count {
                violations[index].line = line
                violations[index].message = "in template \(normalized): " + violations[index].message
            }
        } catch {
            refuse(.syntax, line: line, "template \(normalized) cannot be parsed: \(error.message)")
        }
    }

    /// Splits the arguments of a call whose `(` is at `open` by top-level commas.
    private func callArguments(_ tokens: [HCLToken], openingAt open: Int) -> [[HCLToken]] {
        var arguments: [[HCLToken]] = []
        var current: [HCLToken] = []
        var depth = 0
        var index = open + 1
        while index < tokens.count {
            let token = tokens[index]
            if token.isPunctuation("(") || token.isPunctuation("[") || token.isPunctuation("{") {
                depth += 1
            } else if token.isPunctuation(")") || token.isPunctuation("]") || token.isPunctuation("}") {
                if depth == 0 { break }
                depth -= 1
            }
            if depth == 0 && token.isPunctuation(",") {
                arguments.append(current)
                current = []
            } else if !(depth == 0 && token.isPunctuation("...")) {
                current.append(token)
            }
            index += 1
        }
        if !current.isEmpty { arguments.append(current) }
        return arguments
    }

    // MARK: Shared rules

    mutating func checkResourceType(_ type: String, kind: String, line: Int) {
        if kind == "data" && type == "external" {
            refuse(.externalData, line: line, "data \"external\" runs a program during plan")
            return
        }
        if kind == "data" && type == "terraform_remote_state" {
            refuse(.backend, line: line, "data \"terraform_remote_state\" configures a backend that can read server files")
            return
        }
        if type == "terraform_data" && kind == "resource" { return }
        let prefix = String(type.split(separator: "_").first ?? "")
        if !configuration.allowedProviders.contains(prefix) {
            refuse(.providerNotAllowed, line: line, "\(kind) type \(type) belongs to provider \"\(prefix)\", allowed: \(configuration.allowedProviders.joined(separator: ", "))")
        }
    }

    mutating func checkProviderName(_ name: String, line: Int, context: String) {
        if !configuration.allowedProviders.contains(name) {
            refuse(.providerNotAllowed, line: line, "\(context) \"\(name)\" is not in the allowed providers (\(configuration.allowedProviders.joined(separator: ", ")))")
        }
    }

    mutating func checkAWSProviderArgument(_ name: String, line: Int) {
        if !Guard.allowedAWSProviderArguments.contains(name) {
            refuse(.providerConfiguration, line: line, "aws provider argument \(name) is set by the daemon, not the stack")
        }
    }

    /// `source` is nil for a bare version string, `.some(nil)` for a non-literal source.
    mutating func checkRequiredProvider(_ name: String, source: String??, line: Int) {
        checkProviderName(name, line: line, context: "required_providers entry")
        guard let source else { return }
        guard let literal = source else {
            refuse(.providerNotAllowed, line: line, "required_providers \(name) has a computed source")
            return
        }
        let accepted = ["hashicorp/\(name)", "registry.terraform.io/hashicorp/\(name)"]
        if !accepted.contains(literal.lowercased()) {
            refuse(.providerNotAllowed, line: line, "required_providers \(name) comes from \(literal), only \(accepted[0]) is allowed")
        }
    }

    mutating func checkModuleSource(_ source: String?, module: String, line: Int) {
        guard let source else {
            refuse(.moduleSource, line: line, "module \(module) source is not a literal string")
            return
        }
        if source.hasPrefix("./") || source.hasPrefix("../") {
            let joined = directory.isEmpty ? source : directory + "/" + source
            if StackPath.normalize(joined) == nil {
                refuse(.moduleSource, line: line, "module \(module) source \(source) leaves the stack")
            }
            return
        }
        if let registryPath = registryComponents(source), configuration.allowedModuleRegistries.contains(where: { entry in
            let allowed = registryEntryComponents(entry)
            return !allowed.isEmpty && registryPath.starts(with: allowed)
        }) {
            return
        }
        refuse(.moduleSource, line: line, "module \(module) source \(source) is neither a relative path inside the stack nor an allowed registry")
    }

    /// `ns/name/provider[//sub]` or `host/ns/name/provider[//sub]` as lowercase components
    /// with the default registry host made explicit; nil for other source kinds.
    private func registryComponents(_ source: String) -> [String]? {
        if source.contains("::") || source.contains("?") || source.contains(":") { return nil }
        let withoutSubdir = source.splitting(on: "//").first ?? source
        let parts = withoutSubdir.split(separator: "/").map { $0.lowercased() }
        if parts.count == 3, !parts[0].contains(".") { return ["registry.terraform.io"] + parts }
        if parts.count == 4, parts[0].contains(".") { return parts }
        return nil
    }

    private func registryEntryComponents(_ entry: String) -> [String] {
        let parts = entry.split(separator: "/").map { $0.lowercased() }
        guard let first = parts.first else { return [] }
        return first.contains(".") ? parts : ["registry.terraform.io"] + parts
    }

    mutating func checkLocalFile(type: String, argument: String, literal: String?, line: Int) {
        guard let literal else {
            refuse(.localFileArgument, line: line, "\(type).\(argument) is computed; only literal relative paths inside the stack are allowed")
            return
        }
        if !StackPath.isSafeLiteralPath(literal) {
            refuse(.localFileArgument, line: line, "\(type).\(argument) = \"\(literal)\" reads outside the stack")
        }
    }
}

extension String {
    /// Splits on a separator string (Foundation-free).
    func splitting(on separator: String) -> [String] {
        var result: [String] = []
        var remainder = Substring(self)
        while let range = remainder.firstRange(of: separator) {
            result.append(String(remainder[..<range.lowerBound]))
            remainder = remainder[range.upperBound...]
        }
        result.append(String(remainder))
        return result
    }
}
