import HCL

/// The guard: decides whether Terraform from a repository may be given to `terraform init`
/// and `plan` at all.
///
/// A plan runs code: `data "external"` executes a program, provisioners run during apply,
/// a third-party provider is arbitrary code, and functions like `file()` read the server's
/// files into the plan (and from there into PLAN.md). The guard is an allowlist read with the
/// one strict HCL reader (target `HCL`, shared with the runtime override writer): only native
/// HCL `.tf` files, only the block types, providers, resource types and functions listed here,
/// and anything the reader cannot read with certainty is refused. What the allowlist still lets
/// through (a path argument inside the stack, an unknown argument of a configured provider) is
/// the job of the confinement: terraform runs under bubblewrap and sees only its workspace.
///
/// Files named `*.custom.tf` are hand-written; every other `.tf` file is treated as generated
/// (the reconciler only passes files carrying EZBuilt's header as such) and may in addition
/// hold the `terraform`, `provider` and `variable` blocks the generator emits, checked as
/// strictly. The guard is pure: the caller reads the files (and refuses symlinks leaving the
/// stack while doing so).
public enum Guard {
    /// Largest file the guard reads (the workspace takes no larger file either).
    public static let maximumFileSize = 4 * 1024 * 1024

    /// Functions a stack may call: Terraform's pure built-ins. Everything else is refused: the
    /// file family, `templatefile`, `templatestring` (a template read from data the guard
    /// never saw), `abspath`, `pathexpand`, provider-defined `provider::…` functions and
    /// anything unknown (a function added by a later Terraform is refused until listed here).
    public static let allowedFunctions: Set<String> = [
        // numeric
        "abs", "ceil", "floor", "log", "max", "min", "parseint", "pow", "signum",
        // string
        "chomp", "endswith", "format", "formatlist", "indent", "join", "lower", "regex", "regexall",
        "replace", "split", "startswith", "strcontains", "strrev", "substr", "title", "trim",
        "trimprefix", "trimsuffix", "trimspace", "upper",
        // collections
        "alltrue", "anytrue", "chunklist", "coalesce", "coalescelist", "compact", "concat", "contains",
        "distinct", "element", "flatten", "index", "keys", "length", "lookup", "matchkeys", "merge",
        "one", "range", "reverse", "setintersection", "setproduct", "setsubtract", "setunion", "slice",
        "sort", "sum", "transpose", "values", "zipmap",
        // encoding
        "base64decode", "base64encode", "base64gzip", "csvdecode", "jsondecode", "jsonencode",
        "textdecodebase64", "textencodebase64", "urlencode", "yamldecode", "yamlencode",
        // path strings (no file system access)
        "basename", "dirname",
        // date and time
        "formatdate", "plantimestamp", "timeadd", "timecmp", "timestamp",
        // hashes and crypto over values
        "base64sha256", "base64sha512", "bcrypt", "md5", "rsadecrypt", "sha1", "sha256", "sha512",
        "uuid", "uuidv5",
        // network
        "cidrhost", "cidrnetmask", "cidrsubnet", "cidrsubnets",
        // type conversion
        "can", "ephemeralasnull", "issensitive", "nonsensitive", "sensitive", "tobool", "tolist",
        "tomap", "tonumber", "toset", "tostring", "try",
    ]

    /// Functions that read the machine's files; refused with a message saying so.
    public static let fileFunctions: Set<String> = [
        "file", "fileexists", "fileset", "filebase64", "filebase64sha256", "filebase64sha512",
        "filemd5", "filesha1", "filesha256", "filesha512", "templatefile", "templatestring",
        "abspath", "pathexpand",
    ]

    /// Type constructors, allowed as calls only in a variable's `type`.
    static let typeConstructors: Set<String> = ["list", "map", "set", "tuple", "object", "optional"]

    /// AWS resource arguments whose value is a path the provider reads from the local disk
    /// and uploads. Found by walking every string argument of every resource of the aws
    /// provider 5.100.0 schema (`terraform providers schema -json`) named like a file or path
    /// and reading the provider's documentation of each: the rest are S3 keys, URL paths or
    /// file contents. Such a value must be a literal relative path inside the stack (or a
    /// generated variable whose default is one, or `"${path.module}/…"`); confinement keeps
    /// even that inside the workspace.
    public static let localFileArguments: [String: Set<String>] = [
        "aws_s3_object": ["source"],
        "aws_s3_bucket_object": ["source"],
        "aws_lambda_function": ["filename"],
        "aws_lambda_layer_version": ["filename"],
        "aws_gamelift_script": ["zip_file"],
        "aws_connect_contact_flow": ["filename"],
        "aws_connect_contact_flow_module": ["filename"],
        "aws_synthetics_canary": ["zip_file"],
        "aws_rds_custom_db_engine_version": ["filename"],
    ]

    /// `aws` provider arguments a generated provider block may set; the rest (credentials,
    /// profiles, endpoints, proxies, CA bundles, assume-role) belong to the daemon's injected
    /// configuration.
    public static let allowedAWSProviderArguments: Set<String> = [
        "region", "alias", "default_tags", "ignore_tags", "allowed_account_ids",
        "forbidden_account_ids", "max_retries", "retry_mode", "use_fips_endpoint",
        "use_dualstack_endpoint", "s3_us_east_1_regional_endpoint",
    ]

    /// Top-level blocks of a hand-written `*.custom.tf` file.
    public static let customBlocks: Set<String> = ["resource", "data", "locals", "output", "moved", "import", "removed"]
    /// Top-level blocks a generated file may hold in addition (the daemon's own).
    public static let generatedOnlyBlocks: Set<String> = ["terraform", "provider", "variable"]

    /// Why a file is refused by its name alone, whatever it holds (JSON-syntax Terraform,
    /// variable, test, lock and state files, overrides, CLI configuration), or nil when the
    /// name is accepted or names a file Terraform never loads.
    public static func refusal(forFileNamed path: String) -> String? {
        if case .refused(_, let message) = GuardFileKind(path: path) { return message }
        return nil
    }

    /// Checks every file of a stack given as bytes: a file that is not valid UTF-8 cannot be
    /// read with certainty and is refused; the rest are checked as by ``check(files:configuration:)``.
    public static func check(
        bytes files: [(path: String, contents: [UInt8])], configuration: GuardConfiguration = GuardConfiguration()
    ) -> GuardReport {
        var texts: [(path: String, contents: String)] = []
        var violations: [GuardViolation] = []
        for file in files {
            if let text = String(validating: file.contents, as: UTF8.self) {
                texts.append((file.path, text))
            } else if case .ignored = GuardFileKind(path: file.path) {
                continue
            } else {
                violations.append(GuardViolation(file: file.path, line: 1, rule: .syntax, message: "not UTF-8 text"))
            }
        }
        return GuardReport(violations: violations + check(files: texts, configuration: configuration).violations)
    }

    /// Checks every file of a stack. `files` are paths relative to the stack root (or the
    /// repository) with their contents. Terraform files other than native `.tf` (JSON syntax,
    /// variable files, tests, override files, CLI configuration, state) are refused by name;
    /// files Terraform never loads (`spec.json`, Markdown) are ignored.
    public static func check(
        files: [(path: String, contents: String)], configuration: GuardConfiguration = GuardConfiguration()
    ) -> GuardReport {
        var violations: [GuardViolation] = []
        var parsed: [(path: String, kind: GuardFileKind, file: HCLFile)] = []
        for file in files {
            let kind = GuardFileKind(path: file.path)
            switch kind {
            case .ignored:
                continue
            case .refused(let rule, let message):
                violations.append(GuardViolation(file: file.path, line: 1, rule: rule, message: message))
                continue
            case .custom, .generated:
                break
            }
            if file.contents.utf8.count > maximumFileSize {
                violations.append(GuardViolation(
                    file: file.path, line: 1, rule: .oversized,
                    message: "\(file.contents.utf8.count) bytes, larger than the \(maximumFileSize / 1024 / 1024) MiB a stack file may have"))
                continue
            }
            do {
                parsed.append((file.path, kind, try HCLFile.parse(file.contents)))
            } catch {
                violations.append(GuardViolation(file: file.path, line: error.line, rule: .syntax, message: "cannot read HCL: \(error.message)"))
            }
        }
        // Variables only generated files declare, with a literal default: a generated Lambda's
        // `filename = var.x_package` is checked through its default.
        var variables: [String: String] = [:]
        for file in parsed where file.kind == .generated {
            for block in file.file.body.blocks where block.type == "variable" && block.labels.count == 1 {
                if let value = block.body.attribute("default")?.literalString { variables[block.labels[0]] = value }
            }
        }
        for file in parsed {
            var inspector = GuardInspector(file: file.path, kind: file.kind, configuration: configuration, variables: variables)
            inspector.inspect(file.file)
            violations += inspector.violations
        }
        return GuardReport(violations: violations)
    }
}

/// How the guard treats a file, by its name.
enum GuardFileKind: Equatable {
    /// `*.custom.tf`: hand-written.
    case custom
    /// Any other native `.tf` file: generated by EZBuilt.
    case generated
    /// A file Terraform would load (or that configures it) in a form the guard does not accept.
    case refused(GuardRule, String)
    /// A file Terraform never reads from a module directory.
    case ignored

    init(path: String) {
        let components = path.split(whereSeparator: { $0 == "/" || $0 == "\\" }).map { $0.lowercased() }
        let name = components.last ?? ""
        if components.contains(".terraform") || components.contains("terraform.d") {
            self = .refused(.forbiddenPath, "files under .terraform or terraform.d are the working directory's (modules, plugins), not the repository's")
            return
        }
        if name == ".terraformrc" || name == "terraform.rc" || name.hasSuffix(".tfrc") || name.hasSuffix(".tfrc.json") {
            self = .refused(.cliConfigFile, "\(name) would configure the Terraform CLI (plugin sources, credentials)")
            return
        }
        for suffix in [".tf", ".tf.json"] where name.hasSuffix(suffix) {
            let stem = name.dropLast(suffix.count)
            if stem == "override" || stem.hasSuffix("_override") {
                self = .refused(.overrideFile, "\(name) would override the generated and injected configuration (the daemon owns the only override)")
                return
            }
        }
        if name.hasSuffix(".tf.json") {
            self = .refused(.fileType, "JSON-syntax Terraform is not accepted (its strings and object keys are templates the guard will not second-guess); write native HCL in a *.custom.tf file")
            return
        }
        let loadable: [(String, String)] = [
            (".tfvars", "variable values are the daemon's"), (".tfvars.json", "variable values are the daemon's"),
            (".tftest.hcl", "test files run providers and are not part of a stack"), (".tftest.json", "test files are not part of a stack"),
            (".tfmock.hcl", "mock files are not part of a stack"), (".tfmock.json", "mock files are not part of a stack"),
            (".tfquery.hcl", "query files are not part of a stack"), (".tfstack.hcl", "stack files are not part of a stack"),
            (".tfdeploy.hcl", "deployment files are not part of a stack"), (".tfcomponent.hcl", "component files are not part of a stack"),
            (".terraform.lock.hcl", "the daemon locks providers"),
            (".tfstate", "state is the daemon's"), (".tfstate.backup", "state is the daemon's"), (".tfplan", "plans are the daemon's"),
        ]
        for (suffix, reason) in loadable where name.hasSuffix(suffix) {
            self = .refused(.fileType, "Terraform would load it, and \(reason); only *.custom.tf files may be added by hand")
            return
        }
        if name.contains(".tfstate") {
            self = .refused(.fileType, "a state file; state is the daemon's")
            return
        }
        if name.hasSuffix(".custom.tf") {
            self = .custom
        } else if name.hasSuffix(".tf") {
            self = .generated
        } else {
            self = .ignored
        }
    }
}

/// Inspects one parsed file; collects violations.
struct GuardInspector {
    let file: String
    let kind: GuardFileKind
    let configuration: GuardConfiguration
    /// Literal defaults of the generated variables, by name.
    let variables: [String: String]
    var violations: [GuardViolation] = []

    mutating func refuse(_ rule: GuardRule, line: Int, _ message: String) {
        violations.append(GuardViolation(file: file, line: line, rule: rule, message: message))
    }

    mutating func inspect(_ parsed: HCLFile) {
        for attribute in parsed.body.attributes {
            refuse(.syntax, line: attribute.line, "top-level attribute \(attribute.name) is not valid Terraform")
        }
        for block in parsed.body.blocks {
            inspectTopLevel(block)
        }
    }

    // MARK: Blocks

    private mutating func inspectTopLevel(_ block: HCLBlock) {
        let isGenerated = kind == .generated
        guard Guard.customBlocks.contains(block.type) || (isGenerated && Guard.generatedOnlyBlocks.contains(block.type)) else {
            switch block.type {
            case "module":
                refuse(.moduleSource, line: block.line, "module blocks belong to the daemon: a module's code is not among the stack's files, so the guard cannot read it")
            case _ where Guard.generatedOnlyBlocks.contains(block.type):
                refuse(.blockNotAllowed, line: block.line, "\(block.type) blocks belong to the daemon (generated files), not to a hand-written *.custom.tf file")
            default:
                let allowed = (isGenerated ? Guard.customBlocks.union(Guard.generatedOnlyBlocks) : Guard.customBlocks).sorted()
                refuse(.blockNotAllowed, line: block.line, "\(block.type) block is not allowed (allowed: \(allowed.joined(separator: ", ")))")
            }
            return
        }
        switch block.type {
        case "resource":
            guard hasLabels(block, count: 2) else { return }
            let type = block.labels[0]
            checkType(type, isData: false, line: block.line)
            inspectResourceBody(block.body, type: type, context: "resource \(type).\(block.labels[1])")
        case "data":
            guard hasLabels(block, count: 2) else { return }
            let type = block.labels[0]
            checkType(type, isData: true, line: block.line)
            inspectResourceBody(block.body, type: nil, context: "data \(type).\(block.labels[1])")
        case "output":
            guard hasLabels(block, count: 1) else { return }
            inspectNested(block.body, context: "output")
        case "locals", "moved", "import", "removed":
            guard hasLabels(block, count: 0) else { return }
            if block.type == "import" || block.type == "removed", let provider = block.body.attribute("provider") {
                checkProviderReference(provider)
            }
            inspectNested(block.body, context: block.type)
        case "terraform":
            guard hasLabels(block, count: 0) else { return }
            inspectTerraformBlock(block)
        case "provider":
            guard hasLabels(block, count: 1) else { return }
            inspectProviderBlock(block, name: block.labels[0])
        case "variable":
            guard hasLabels(block, count: 1) else { return }
            inspectVariableBlock(block)
        default:
            break
        }
    }

    /// Whether the block has exactly `count` labels (refused otherwise).
    private mutating func hasLabels(_ block: HCLBlock, count: Int) -> Bool {
        guard block.labels.count == count else {
            refuse(.syntax, line: block.line, "\(block.type) block with \(block.labels.count) label(s), expected \(count)")
            return false
        }
        return true
    }

    private mutating func inspectResourceBody(_ body: HCLBody, type: String?, context: String) {
        for attribute in body.attributes {
            if attribute.name == "provider" { checkProviderReference(attribute) }
            if let type, Guard.localFileArguments[type]?.contains(attribute.name) == true {
                checkLocalFile(attribute, type: type)
            }
        }
        inspectNested(body, context: context)
    }

    /// Checks every attribute's expression and every nested block below a top-level block.
    private mutating func inspectNested(_ body: HCLBody, context: String, typeConstructors: Bool = false) {
        for attribute in body.attributes {
            checkExpression(attribute.expression, allowTypeConstructors: typeConstructors && attribute.name == "type")
        }
        for nested in body.blocks {
            switch nested.type {
            case "provisioner", "connection":
                refuse(.provisioner, line: nested.line, "\(nested.type) \(nested.labels.map { "\"\($0)\"" }.joined(separator: " ")) in \(context): provisioners run commands on the server")
                continue
            case "dynamic" where ["provisioner", "connection"].contains(nested.labels.first ?? ""):
                refuse(.provisioner, line: nested.line, "dynamic \"\(nested.labels.first ?? "")\" in \(context): provisioners run commands on the server")
                continue
            default:
                break
            }
            inspectNested(nested.body, context: context + " " + nested.type)
        }
    }

    private mutating func inspectTerraformBlock(_ block: HCLBlock) {
        for attribute in block.body.attributes {
            if attribute.name == "required_version", attribute.literalString != nil { continue }
            refuse(.blockNotAllowed, line: attribute.line, "terraform \(attribute.name) is not among what the generator writes (required_version as a literal)")
        }
        for nested in block.body.blocks {
            switch nested.type {
            case "backend", "cloud":
                refuse(.backend, line: nested.line, "\(nested.type) block: the daemon configures state")
            case "required_providers":
                for attribute in nested.body.attributes { checkRequiredProvider(attribute) }
                for inner in nested.body.blocks {
                    refuse(.providerNotAllowed, line: inner.line, "required_providers holds attributes only, found block \(inner.type)")
                }
            default:
                refuse(.blockNotAllowed, line: nested.line, "terraform \(nested.type) block is not among what the generator writes")
            }
        }
    }

    private mutating func inspectProviderBlock(_ block: HCLBlock, name: String) {
        guard configuration.allowedProviders.contains(name) else {
            refuse(.providerNotAllowed, line: block.line, "provider block \"\(name)\" is not in the allowed providers (\(configuration.allowedProviders.joined(separator: ", ")))")
            return
        }
        for attribute in block.body.attributes {
            if attribute.name == "alias" {
                if let alias = attribute.literalString, GuardInspector.isIdentifier(alias) { continue }
                refuse(.providerConfiguration, line: attribute.line, "provider \(name) alias must be a literal name")
                continue
            }
            guard name == "aws" else {
                refuse(.providerConfiguration, line: attribute.line, "provider \(name) argument \(attribute.name) is not allowed (only alias)")
                continue
            }
            guard Guard.allowedAWSProviderArguments.contains(attribute.name) else {
                refuse(.providerConfiguration, line: attribute.line, "aws provider argument \(attribute.name) is set by the daemon, not the stack")
                continue
            }
            if attribute.name == "region", attribute.literalString == nil {
                refuse(.providerConfiguration, line: attribute.line, "aws provider region must be a literal string")
                continue
            }
            checkExpression(attribute.expression)
        }
        for nested in block.body.blocks {
            switch (name, nested.type) {
            case ("aws", "default_tags"):
                checkDefaultTags(nested)
            case ("aws", "ignore_tags"):
                inspectNested(nested.body, context: "provider aws ignore_tags")
            default:
                refuse(.providerConfiguration, line: nested.line, "\(name) provider block \(nested.type) is set by the daemon, not the stack")
            }
        }
    }

    /// `default_tags { tags = { Key = "value", … } }` with literal keys and values only: the
    /// override writer copies them into the daemon's file as values, never as expressions.
    private mutating func checkDefaultTags(_ block: HCLBlock) {
        for nested in block.body.blocks {
            refuse(.providerConfiguration, line: nested.line, "default_tags holds only tags, found block \(nested.type)")
        }
        for attribute in block.body.attributes {
            guard attribute.name == "tags" else {
                refuse(.providerConfiguration, line: attribute.line, "default_tags holds only tags, found \(attribute.name)")
                continue
            }
            guard let entries = attribute.objectLiteral, entries.allSatisfy({ $0.literalString != nil }) else {
                refuse(.providerConfiguration, line: attribute.line, "default_tags tags must be a map of literal strings")
                continue
            }
        }
    }

    private mutating func inspectVariableBlock(_ block: HCLBlock) {
        let allowed: Set<String> = ["description", "type", "default", "sensitive", "nullable", "ephemeral"]
        for attribute in block.body.attributes where !allowed.contains(attribute.name) {
            refuse(.blockNotAllowed, line: attribute.line, "variable argument \(attribute.name) is not among what the generator writes")
        }
        for nested in block.body.blocks where nested.type != "validation" {
            refuse(.blockNotAllowed, line: nested.line, "variable block \(nested.type) is not allowed")
        }
        inspectNested(block.body, context: "variable", typeConstructors: true)
    }

    // MARK: Expressions

    /// Checks every token of an expression, recursing into string and heredoc templates
    /// (interpolations and directives). Terraform runs code or reads files from an expression
    /// only by calling a function, and a call is always a name (possibly namespaced with `::`)
    /// followed by `(`, in any position: object keys, values, `for` expressions, splats,
    /// conditionals, template parts. The lexer has already refused every character it could
    /// read differently from Terraform, so an allowlist over every name-`(` pair of the token
    /// stream checks every expression position without needing an expression tree.
    mutating func checkExpression(_ tokens: [HCLToken], allowTypeConstructors: Bool = false) {
        let significant = tokens.meaningful
        for (offset, token) in significant.enumerated() {
            if let template = token.template {
                for part in template.expressionTokens { checkExpression(part) }
                continue
            }
            if token.isPunctuation(":"), offset + 1 < significant.count, significant[offset + 1].isPunctuation(":") {
                refuse(.functionNotAllowed, line: token.line, "namespaced (::) function call: provider-defined and core:: functions are not allowed")
                continue
            }
            guard let name = token.identifier else { continue }
            if name.contains("::") {
                refuse(.functionNotAllowed, line: token.line, "\(name): provider-defined and namespaced functions are not allowed")
                continue
            }
            guard offset + 1 < significant.count, significant[offset + 1].isPunctuation("(") else { continue }
            if Guard.allowedFunctions.contains(name) { continue }
            if allowTypeConstructors && Guard.typeConstructors.contains(name) { continue }
            if Guard.fileFunctions.contains(name) {
                refuse(.fileFunction, line: token.line, "\(name)() reads files on the machine running terraform; put the content in the code or in AWS")
            } else {
                refuse(.functionNotAllowed, line: token.line, "function \(name)() is not on the allowlist of pure functions")
            }
        }
    }

    // MARK: Shared rules

    /// Why unknown resource types are refused: the guard knows every argument of the aws
    /// provider version it was built against (the schema lists in ``AWSSchema``) and has read
    /// which of them take a local path; a type outside that list may take a path argument the
    /// guard has never heard of. Confinement would keep such a read inside the workspace, but
    /// an allowlist refuses what it cannot vouch for instead of leaving it to the second line.
    /// Other allowed providers (an operator's choice in `policy.allowedProviders`) have no
    /// schema list here: their types are allowed by prefix and confinement is what limits them.
    mutating func checkType(_ type: String, isData: Bool, line: Int) {
        let kind = isData ? "data" : "resource"
        if isData && type == "external" {
            refuse(.externalData, line: line, "data \"external\" runs a program during plan")
            return
        }
        if isData && type == "terraform_remote_state" {
            refuse(.backend, line: line, "data \"terraform_remote_state\" configures a backend that can read server files")
            return
        }
        if !isData && type == "terraform_data" { return }
        let prefix = String(type.split(separator: "_").first ?? "")
        guard configuration.allowedProviders.contains(prefix) else {
            refuse(.providerNotAllowed, line: line, "\(kind) type \(type) belongs to provider \"\(prefix)\", allowed: \(configuration.allowedProviders.joined(separator: ", "))")
            return
        }
        if prefix == "aws" {
            let known = isData ? AWSSchema.dataSourceTypes : AWSSchema.resourceTypes
            if !known.contains(type) {
                refuse(.resourceTypeNotAllowed, line: line, "\(kind) type \(type) is not in the aws provider \(AWSSchema.providerVersion) schema the guard knows")
            }
        }
    }

    /// `provider = aws` or `provider = aws.alias`, nothing else.
    private mutating func checkProviderReference(_ attribute: HCLAttribute) {
        let tokens = attribute.meaningfulTokens
        let name = tokens.first?.identifier ?? ""
        let shapeOK = (tokens.count == 1 && tokens[0].identifier != nil)
            || (tokens.count == 3 && tokens[0].identifier != nil && tokens[1].isPunctuation(".") && tokens[2].identifier != nil)
        guard shapeOK, !name.contains(":") else {
            refuse(.providerNotAllowed, line: attribute.line, "provider meta-argument must be a provider name or name.alias")
            return
        }
        if !configuration.allowedProviders.contains(name) {
            refuse(.providerNotAllowed, line: attribute.line, "provider meta-argument \"\(name)\" is not in the allowed providers (\(configuration.allowedProviders.joined(separator: ", ")))")
        }
    }

    /// A `required_providers` entry: a literal version string, or an object literal with only
    /// literal `source` and `version`, whose source is `hashicorp/<name>`.
    private mutating func checkRequiredProvider(_ attribute: HCLAttribute) {
        let name = attribute.name
        guard configuration.allowedProviders.contains(name) else {
            refuse(.providerNotAllowed, line: attribute.line, "required_providers entry \"\(name)\" is not in the allowed providers (\(configuration.allowedProviders.joined(separator: ", ")))")
            return
        }
        if attribute.literalString != nil { return }
        guard let entries = attribute.objectLiteral else {
            refuse(.providerNotAllowed, line: attribute.line, "required_providers \(name) must be an object of literal source and version")
            return
        }
        var seen = Set<String>()
        for entry in entries {
            guard seen.insert(entry.key).inserted else {
                refuse(.providerNotAllowed, line: entry.line, "required_providers \(name) sets \(entry.key) twice")
                continue
            }
            guard entry.key == "source" || entry.key == "version" else {
                refuse(.providerNotAllowed, line: entry.line, "required_providers \(name) key \(entry.key) is not allowed (source, version)")
                continue
            }
            guard let value = entry.literalString else {
                refuse(.providerNotAllowed, line: entry.line, "required_providers \(name) \(entry.key) must be a literal string")
                continue
            }
            if entry.key == "source" {
                let accepted = ["hashicorp/\(name)", "registry.terraform.io/hashicorp/\(name)"]
                if !accepted.contains(value.lowercased()) {
                    refuse(.providerNotAllowed, line: entry.line, "required_providers \(name) comes from \(value), only \(accepted[0]) is allowed")
                }
            }
        }
    }

    /// A local-file argument: a literal relative path inside the stack, a generated variable
    /// with such a default, or `"${path.module}/…"`/`"${path.root}/…"` with a literal rest.
    private mutating func checkLocalFile(_ attribute: HCLAttribute, type: String) {
        let subject = "\(type).\(attribute.name)"
        let tokens = attribute.meaningfulTokens
        var path: String?
        if let literal = attribute.literalString {
            path = literal
        } else if tokens.count == 3, tokens[0].identifier == "var", tokens[1].isPunctuation("."), let name = tokens[2].identifier {
            guard let value = variables[name] else {
                refuse(.localFileArgument, line: attribute.line, "\(subject) = var.\(name): only a variable declared in a generated file with a literal default may name a local file")
                return
            }
            path = value
        } else if tokens.count == 1, case .string(let template) = tokens[0].kind, template.parts.count == 2,
                  case .interpolation(let inner) = template.parts[0], case .literal(let rest) = template.parts[1] {
            let reference = inner.meaningful
            if reference.count == 3, reference[0].identifier == "path", reference[1].isPunctuation("."),
               ["module", "root"].contains(reference[2].identifier ?? ""), rest.hasPrefix("/") {
                path = String(rest.dropFirst())
            }
        }
        guard let path else {
            refuse(.localFileArgument, line: attribute.line, "\(subject) names a local file with a computed value; only a literal relative path inside the stack is allowed")
            return
        }
        if !StackPath.isSafeLiteralPath(path) {
            refuse(.localFileArgument, line: attribute.line, "\(subject) = \"\(path)\" reads outside the stack")
        }
    }

    static func isIdentifier(_ text: String) -> Bool {
        guard let first = text.utf8.first, (first >= 0x41 && first <= 0x5A) || (first >= 0x61 && first <= 0x7A) || first == 0x5F else {
            return false
        }
        return text.utf8.allSatisfy { ($0 >= 0x41 && $0 <= 0x5A) || ($0 >= 0x61 && $0 <= 0x7A) || ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x5F || $0 == 0x2D }
    }
}
