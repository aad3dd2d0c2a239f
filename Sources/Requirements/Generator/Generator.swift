import Crypto
import Foundation

/// Options that change what a document generates; part of the input hash.
public struct GenerationOptions: Sendable, Equatable, Codable {
    /// Region used when the document names none.
    public var defaultRegion: String

    /// Creates options.
    public init(defaultRegion: String = "us-east-1") { self.defaultRegion = defaultRegion }

    /// Canonical text of the options, stable across releases, used in the input hash.
    public var canonical: String { "defaultRegion=\(defaultRegion)" }
}

/// One generated file.
public struct GeneratedFile: Sendable, Equatable {
    /// File name inside the stack's terraform directory (no directories).
    public var name: String
    /// File content.
    public var content: String
}

/// What one generation produced.
public struct GenerationResult: Sendable {
    /// The structured meaning of the document.
    public var spec: Spec
    /// Terraform files and `spec.json`; empty when refused.
    public var files: [GeneratedFile]
    /// Everything worth telling the author, sorted by line.
    public var diagnostics: [Diagnostic]
    /// Whether the document was refused (nothing to write).
    public var refused: Bool

    /// Resource type and name of every `resource` block generated.
    public var resources: [(type: String, name: String)]
}

/// The embedded, deterministic requirements compiler: requirements.md → spec → Terraform.
public enum Generator {
    /// Version recorded in every spec; bump when output for the same input changes.
    public static let version = "0.1.0"
    /// Largest document accepted, in bytes.
    public static let maxDocumentBytes = 512 * 1024

    /// Hex SHA-256 over (generator version, options, requirements bytes): recomputed by the
    /// reconciler to decide whether a committed generation is current.
    public static func inputHash(requirements: some Collection<UInt8>, options: GenerationOptions, generatorVersion: String = Generator.version) -> String {
        var hasher = SHA256()
        hasher.update(data: Array("ezbuilt-generator\n\(generatorVersion)\n\(options.canonical)\n".utf8))
        hasher.update(data: Array(requirements))
        return hasher.finalize().map { String(format: "%02x", $0) }.joined()
    }

    /// The refusal for a document too large to read, without reading it.
    public static func oversized(byteCount: Int, fileName: String = "requirements.md", options: GenerationOptions = GenerationOptions()) -> GenerationResult {
        let spec = Spec(generatorVersion: version, inputHash: "", source: fileName, settings: Settings(region: Sourced(options.defaultRegion, line: 0)), components: [])
        return GenerationResult(spec: spec, files: [], diagnostics: [Diagnostic(.error, line: 0, "refused: the document is \(byteCount) bytes; requirements documents are limited to \(maxDocumentBytes) bytes")], refused: true, resources: [])
    }

    /// Generates from raw bytes: rejects empty, oversized and binary documents with a clear reason.
    /// With `model`, the blocks a language model filled for sentences the rules did not
    /// understand are merged in (the rules win where both speak) and recorded in the spec.
    public static func generate(bytes: [UInt8], fileName: String = "requirements.md", options: GenerationOptions = GenerationOptions(), model: ModelContribution? = nil) -> GenerationResult {
        let hash = inputHash(requirements: bytes, options: options)
        func refuse(_ why: String) -> GenerationResult {
            let spec = Spec(generatorVersion: version, inputHash: hash, source: fileName, settings: Settings(region: Sourced(options.defaultRegion, line: 0)), components: [])
            return GenerationResult(spec: spec, files: [], diagnostics: [Diagnostic(.error, line: 0, why)], refused: true, resources: [])
        }
        if bytes.count > maxDocumentBytes { return oversized(byteCount: bytes.count, fileName: fileName, options: options) }
        if bytes.contains(0) { return refuse("refused: the document is binary, not text (it contains NUL bytes)") }
        guard let text = String(validating: bytes, as: UTF8.self) else { return refuse("refused: the document is not valid UTF-8 text") }
        return generate(text, fileName: fileName, options: options, hash: hash, model: model)
    }

    /// Generates from text.
    public static func generate(_ text: String, fileName: String = "requirements.md", options: GenerationOptions = GenerationOptions()) -> GenerationResult {
        if text.utf8.count > maxDocumentBytes || text.contains("\u{0}") { return generate(bytes: Array(text.utf8), fileName: fileName, options: options) }
        return generate(text, fileName: fileName, options: options, hash: inputHash(requirements: Array(text.utf8), options: options))
    }

    static func generate(_ text: String, fileName: String, options: GenerationOptions, hash: String, model: ModelContribution? = nil) -> GenerationResult {
        let statements = DocumentReader.read(text)
        var interpreter = Interpreter(statements: statements, defaultRegion: options.defaultRegion)
        if statements.isEmpty {
            let spec = Spec(generatorVersion: version, inputHash: hash, source: fileName, settings: interpreter.settings, components: [])
            return GenerationResult(spec: spec, files: [], diagnostics: [Diagnostic(.error, line: 0, "refused: the document is empty; describe the infrastructure you need (for example a bucket, a database or a queue) with its details")], refused: true, resources: [])
        }
        interpreter.run(model: model)
        var spec = Spec(generatorVersion: version, inputHash: hash, source: fileName, settings: interpreter.settings, components: interpreter.components, blocks: interpreter.blocks)
        spec.model = interpreter.model
        var diagnostics = interpreter.diagnostics + interpreter.refusals
        if spec.settings.region.line == 0 {
            diagnostics.append(Diagnostic(.info, line: 0, "no region named; using \(options.defaultRegion)"))
        }
        if !spec.components.contains(where: { $0.ownership == .create }) && !spec.blocks.contains(where: { $0.ownership == .create }) && interpreter.refusals.isEmpty {
            let unsupported = Set(interpreter.unsupportedAsks).sorted()
            diagnostics.append(Diagnostic(.error, line: 0, unsupported.isEmpty
                ? "refused: nothing concrete to build: name at least one AWS building block (a bucket, a database, a queue, a function, servers...) and its details"
                : "refused: nothing the embedded generator can build: \(unsupported.joined(separator: ", ")) \(unsupported.count == 1 ? "is" : "are") not in its catalog"))
        }
        let refused = diagnostics.contains { $0.severity == .error }
        diagnostics.sort { ($0.line, $1.severity, $0.message) < ($1.line, $0.severity, $1.message) }
        if refused {
            return GenerationResult(spec: spec, files: [], diagnostics: diagnostics, refused: true, resources: [])
        }
        var (files, renderDiagnostics, resources) = Renderer.render(spec, fileName: fileName)
        diagnostics += renderDiagnostics
        diagnostics.sort { ($0.line, $1.severity, $0.message) < ($1.line, $0.severity, $1.message) }
        files.append(GeneratedFile(name: "spec.json", content: encode(spec)))
        return GenerationResult(spec: spec, files: files, diagnostics: diagnostics, refused: false, resources: resources)
    }

    /// Deterministic JSON (sorted keys, two-space indentation, trailing newline).
    public static func encode(_ spec: Spec) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        guard let data = try? encoder.encode(spec), let s = String(data: data, encoding: .utf8) else { return "{}\n" }
        return s + "\n"
    }
}

/// Renders a spec into Terraform files.
enum Renderer {
    static func render(_ spec: Spec, fileName: String) -> ([GeneratedFile], [Diagnostic], [(type: String, name: String)]) {
        var ctx = RenderContext(spec: spec)
        let order: [ComponentKind] = [.network, .key, .bucket, .staticSite, .instance, .webTier, .container, .registry, .database, .cache, .fileSystem,
                                      .dynamodb, .queue, .topic, .function, .httpApi, .secret, .alarm, .role]
        var alarmIndex = 0
        for kind in order {
            for c in spec.components where c.kind == kind {
                switch kind {
                case .network: NetworkBlock.render(c, into: &ctx)
                case .key: KeyBlock.render(c, into: &ctx)
                case .bucket: BucketBlock.render(c, into: &ctx)
                case .staticSite: StaticSiteBlock.render(c, into: &ctx)
                case .instance: InstanceBlock.render(c, into: &ctx)
                case .webTier: WebTierBlock.render(c, into: &ctx)
                case .container: ContainerBlock.render(c, into: &ctx)
                case .registry: RegistryBlock.render(c, into: &ctx)
                case .database: DatabaseBlock.render(c, into: &ctx)
                case .cache: CacheBlock.render(c, into: &ctx)
                case .fileSystem: FileSystemBlock.render(c, into: &ctx)
                case .dynamodb: DynamoDBBlock.render(c, into: &ctx)
                case .queue: QueueBlock.render(c, into: &ctx)
                case .topic: TopicBlock.render(c, into: &ctx)
                case .function: FunctionBlock.render(c, into: &ctx)
                case .httpApi: HTTPAPIBlock.render(c, into: &ctx)
                case .secret: SecretBlock.render(c, into: &ctx)
                case .alarm: AlarmBlock.render(c, index: alarmIndex, into: &ctx); alarmIndex += 1
                case .role: RoleBlock.render(c, into: &ctx)
                }
            }
        }
        for c in spec.blocks { BlockRegistry.definition(c.kind)?.render(c, &ctx) }
        dropExcluded(spec.settings.excluded ?? [], from: &ctx)
        let header = ["generated by EZBuilt from \(fileName), do not edit", "generator \(Generator.version), input \(spec.inputHash.prefix(16))"]
        var tags: [(String, HCLExpression)] = spec.settings.tags.keys.sorted().map { ($0, .string(spec.settings.tags[$0]!.value)) }
        if let env = spec.settings.environment?.value, !tags.contains(where: { $0.0.lowercased() == "environment" || $0.0.lowercased() == "env" }) { tags.append(("Environment", .string(env))) }
        tags.append(("ManagedBy", .string("EZBuilt")))
        func provider(_ region: String, alias: String?) -> HCLBlock {
            var p = HCLBlock("provider", ["aws"])
            if let alias { p.set("alias", .string(alias)) }
            p.set("region", .string(region))
            p.add(HCLBlock("default_tags", [], [.attribute("tags", .object(tags))]))
            return p
        }
        var providers = [provider(spec.settings.region.value, alias: nil)]
        if ctx.needsUSEast1 { providers.append(provider("us-east-1", alias: "us_east_1")) }
        for r in ctx.otherRegions { providers.append(provider(r, alias: r.replacingOccurrences(of: "-", with: "_"))) }
        let versions = HCLBlock("terraform", [], [
            .attribute("required_version", .string(">= 1.5.0")),
            .block(HCLBlock("required_providers", [], [.attribute("aws", .object([("source", .string("hashicorp/aws")), ("version", .string("~> 5.0"))]))])),
        ])
        var files = [
            GeneratedFile(name: "versions.tf", content: HCLPrinter.print(HCLFile(header: header, blocks: [versions]))),
            GeneratedFile(name: "providers.tf", content: HCLPrinter.print(HCLFile(header: header + ["Account, credentials, endpoints and backend are injected at run time by the daemon."], blocks: providers))),
            GeneratedFile(name: "main.tf", content: HCLPrinter.print(HCLFile(header: header, blocks: ctx.blocks))),
        ]
        if !ctx.variables.isEmpty { files.append(GeneratedFile(name: "variables.tf", content: HCLPrinter.print(HCLFile(header: header, blocks: ctx.variables)))) }
        let resources = ctx.blocks.filter { $0.type == "resource" }.map { (type: $0.labels[0], name: $0.labels[1]) }
        return (files, ctx.diagnostics, resources)
    }

    /// Removes what the document ruled out but a default or an implied part would have built (a
    /// NAT gateway for private subnets, a topic for alarms, flow logs). A ruled-out resource that
    /// something else still needs stays, and a warning names the line that ruled it out.
    static func dropExcluded(_ excluded: [Sourced<String>], from ctx: inout RenderContext) {
        guard !excluded.isEmpty else { return }
        var changed = true
        var warned: Set<String> = []
        while changed {
            changed = false
            let text = ctx.blocks.map { HCLPrinter.printBlock($0, indent: 0) }
            for rule in excluded {
                for (k, b) in ctx.blocks.enumerated() where b.type == "resource" && b.labels.first == rule.value {
                    let address = b.labels.joined(separator: ".")
                    let needed = text.indices.contains { $0 != k && text[$0].contains(address + ".") }
                    if needed {
                        if warned.insert(address).inserted {
                            ctx.diagnostics.append(Diagnostic(.warning, line: rule.line, "line \(rule.line) rules out \(rule.value), but \(address) is still needed by what the document asks for; it is kept"))
                        }
                        continue
                    }
                    ctx.blocks.remove(at: k)
                    changed = true
                    break
                }
                if changed { break }
            }
        }
    }
}
