import Foundation
import GeneratorCorpus
import HCL
import PlanModel
import Policy
import Sandbox
import Terraform
import Testing
@testable import Requirements

/// Everything the generator builds from the examples and the practice corpus plans against moto,
/// in one terraform process: one root module, one child module per stack, one provider
/// configuration per region. What a stack looks up as already existing (a VPC by id, a hosted
/// zone by name, a role) is created in moto first, as the document's world would have it.
@Suite(.enabled(if: TerraformCLI.available && MotoServer.available, "terraform, /opt/tf-plugins and moto_server are needed"))
struct CorpusPlanTests {
    /// Plans every stack in one terraform process, then checks what each stack answers for:
    /// it plans, every resource it wrote is in the plan, and (for the examples and the catalog
    /// documents, which ask for nothing risky) the plan has no HIGH or CRITICAL finding.
    @Test(.timeLimit(.minutes(30)))
    func everyGeneratedStackPlansAgainstMotoWithSecureDefaults() async throws {
        var stacks: [CorpusStack] = []
        for document in CorpusStack.documents {
            let result = Generator.generate(bytes: Array(document.text.utf8))
            guard !result.refused else {
                #expect(!document.secureByDefault, "\(document.name) is refused: \(result.diagnostics.map(\.formatted))")
                continue
            }
            do {
                stacks.append(try CorpusStack(name: document.name, result: result, secureByDefault: document.secureByDefault))
            } catch {
                Issue.record("\(document.name): \(error)")
            }
        }
        #expect(stacks.count >= ExampleFiles.names.count)
        // A hand-written stack the findings check must catch, so the check can fail.
        stacks.append(CorpusStack(control: "control-open-ssh", region: "us-east-1", main: """
            resource "aws_security_group" "open" {
              name = "control-open-ssh"
              ingress {
                from_port   = 22
                to_port     = 22
                protocol    = "tcp"
                cidr_blocks = ["0.0.0.0/0"]
              }
            }

            """))
        let (planned, skipped) = (stacks.filter { $0.motoCannotPlan == nil }, stacks.filter { $0.motoCannotPlan != nil })
        for stack in skipped { print("not planned against moto: \(stack.name): \(stack.motoCannotPlan!)") }
        #expect(skipped.count * 10 <= stacks.count, "moto stands in for too little: \(skipped.map(\.name))")

        let moto = try await MotoServer.start()
        defer { Task { await moto.stop() } }
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("ezbuilt-corpus-plan-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        let world = try ExistingWorld.seed(for: planned, moto: moto, in: root.appendingPathComponent("seed"))

        // Stacks with a known issue are planned apart, so the others' plan goes through.
        let known = planned.filter { CorpusStack.knownIssues[$0.name] != nil }
        let clean = planned.filter { CorpusStack.knownIssues[$0.name] == nil }
        let outcome = try CorpusStack.plan(clean, world: world, moto: moto, in: root.appendingPathComponent("plan"))
        for stack in clean {
            #expect(outcome.errors[stack.name] == nil, "\(stack.name) does not plan against moto: \(outcome.errors[stack.name] ?? [])")
        }
        #expect(outcome.errors["(root)"] == nil, "\(outcome.errors["(root)"] ?? [])")
        if !known.isEmpty {
            let knownOutcome = try CorpusStack.plan(known, world: world, moto: moto, in: root.appendingPathComponent("known"))
            for stack in known {
                withKnownIssue(Comment(rawValue: CorpusStack.knownIssues[stack.name] ?? "")) {
                    #expect(knownOutcome.errors[stack.name] == nil, "\(stack.name): \(knownOutcome.errors[stack.name] ?? [])")
                }
            }
        }

        // Where the plan went through: every resource each stack wrote is in it, and the
        // secure-by-default stacks have no blocking finding.
        let document = try #require(outcome.document)
        let inPlan = Set(document.changes.map { ResourceConfiguration.stripIndexes($0.address) })
        for stack in clean {
            for resource in stack.resources {
                let address = "module.\(stack.module).\(resource.type).\(resource.name)"
                // A for_each over values known only after apply (a certificate's validation
                // records) plans no instance yet; its block must still be in the plan.
                let deferred = stack.forEach.contains("\(resource.type).\(resource.name)") && document.configuration[address] != nil
                #expect(inPlan.contains(address) || deferred, "\(stack.name): \(resource.type).\(resource.name) is not in the plan")
            }
            guard stack.secureByDefault || stack.isControl else { continue }
            let part = document.module("module.\(stack.module)")
            #expect(part.changes.count >= stack.resources.count - stack.forEach.count, "\(stack.name): its part of the plan is incomplete")
            let report = try Policy.evaluate(plan: part, sources: stack.files.map { ($0.key, $0.value) })
            let blocking = report.findings.filter { $0.severity >= .high }.map { "\($0.check.id) \($0.address): \($0.message)" }
            if stack.isControl {
                #expect(blocking.contains { $0.hasPrefix("EZB-SG-001 aws_security_group.open") }, "the control stack's open SSH was not found: \(blocking)")
            } else {
                #expect(blocking.isEmpty, "\(stack.name) has HIGH/CRITICAL findings: \(blocking)")
            }
        }
    }
}

/// One generated stack, ready to be a child module of the corpus root.
struct CorpusStack {
    /// Resource types moto cannot plan, with why (the stack is left out of the moto plan).
    static let motoCannotPlanTypes: [String: String] = [
        "aws_sfn_state_machine": "moto 5.2 lacks ValidateStateMachineDefinition, which the provider calls during plan",
    ]
    /// Public parameters moto serves (it has Amazon Linux's, not Canonical's).
    static let motoPublicParameters = "/aws/service/ami-amazon-linux-latest/"
    /// Stacks whose output is known not to plan yet, with the issue that tracks it.
    static let knownIssues: [String: String] = [:]

    /// Data sources that read nothing the document says exists.
    static let selfContainedData: Set<String> = [
        "aws_iam_policy_document", "aws_caller_identity", "aws_availability_zones", "aws_region", "aws_partition", "aws_subnets",
    ]

    var name: String
    /// The child module's name.
    var module: String
    var files: [String: String]
    var region: String
    /// Provider aliases the stack declares, with their regions.
    var aliases: [String: String]
    var lookups: [ExistingWorld.Lookup]
    var resources: [(type: String, name: String)]
    var motoCannotPlan: String?
    /// Whether the stack's plan must have no HIGH or CRITICAL finding.
    var secureByDefault: Bool
    /// Resources (`type.name`) expanded with for_each.
    var forEach: Set<String> = []
    /// A hand-written stack with a known finding (proves the findings check can fail).
    var isControl = false

    /// Documents to generate: the examples and the shared practice corpus, named by their
    /// example folder or file, and the catalog documents of the validation and secure-defaults
    /// suites. Examples and catalog documents ask for nothing risky: their plans must have no
    /// blocking finding (the practice corpus is users' words, and may ask for risk).
    static var documents: [(name: String, text: String, secureByDefault: Bool)] {
        let files = GeneratorCorpus.documents.map { url in
            let isExample = url.lastPathComponent == "requirements.md"
            let name = isExample ? url.deletingLastPathComponent().lastPathComponent : url.deletingPathExtension().lastPathComponent
            return (name, (try? String(contentsOf: url, encoding: .utf8)) ?? "", isExample)
        }
        let catalog = (TerraformValidationTests.extraDocuments + SecureDefaultsTests.moreBlocks.map { ($0.name, $0.text) })
            .map { ("catalog-" + $0.0, $0.1, true) }
        return files + catalog
    }

    /// A child module's name: `s_` and the stack's name, letters and digits kept.
    static func module(_ name: String) -> String {
        "s_" + name.map { $0.isLetter || $0.isNumber ? String($0) : "_" }.joined()
    }

    init(control name: String, region: String, main: String) {
        self.name = name
        module = Self.module(name)
        files = ["main.tf": main]
        self.region = region
        aliases = [:]
        lookups = []
        resources = []
        secureByDefault = false
        isControl = true
    }

    init(name: String, result: GenerationResult, secureByDefault: Bool) throws {
        self.name = name
        self.secureByDefault = secureByDefault
        module = Self.module(name)
        files = Dictionary(uniqueKeysWithValues: result.files.filter { $0.name.hasSuffix(".tf") }.map { ($0.name, $0.content) })
        resources = result.resources
        region = ""
        aliases = [:]
        lookups = []
        for (file, content) in files {
            let body = try HCLFile.parse(content).body
            for provider in body.blocks(ofType: "provider") {
                guard file == "providers.tf" else { throw ExistingWorld.Failure("\(file) holds a provider block; the corpus root expects them in providers.tf") }
                guard let region = provider.body.attribute("region")?.literalString else { throw ExistingWorld.Failure("\(file): a provider without a literal region") }
                if let alias = provider.body.attribute("alias")?.literalString { aliases[alias] = region } else { self.region = region }
            }
            for resource in body.blocks(ofType: "resource") {
                if resource.body.attribute("for_each") != nil { forEach.insert(resource.labels.joined(separator: ".")) }
                if let reason = Self.motoCannotPlanTypes[resource.labels[0]] { motoCannotPlan = "\(resource.labels[0]): \(reason)" }
            }
            for data in body.blocks(ofType: "data") where !Self.selfContainedData.contains(data.labels[0]) {
                if data.labels[0] == "aws_ssm_parameter", let parameter = data.body.attribute("name")?.literalString, parameter.hasPrefix("/aws/service/") {
                    if !parameter.hasPrefix(Self.motoPublicParameters) { motoCannotPlan = "moto does not serve the public parameter \(parameter)" }
                    continue
                }
                if let lookup = try ExistingWorld.Lookup(data, region: "") { lookups.append(lookup) }
            }
        }
        guard !region.isEmpty else { throw ExistingWorld.Failure("no default provider in providers.tf") }
        files["providers.tf"] = nil
        lookups = lookups.map { var l = $0; l.region = region; return l }
    }

    /// Plans `stacks` as child modules of one root in `directory`: errors by stack (each stack
    /// answers for its own), and the plan when it went through.
    static func plan(_ stacks: [CorpusStack], world: ExistingWorld, moto: MotoServer, in directory: URL) throws -> (errors: [String: [String]], document: PlanDocument?) {
        try writeRoot(stacks, world: world, moto: moto, to: directory)
        _ = try TerraformCLI.run(["init", "-backend=false", "-plugin-dir=\(TerraformCLI.pluginDir)", "-input=false", "-no-color"], in: directory)
        let output = try TerraformCLI.run(["plan", "-json", "-input=false", "-no-color", "-parallelism=16", "-out=corpus.plan"], in: directory, allowFailure: true)
        var errors: [String: [String]] = [:]
        for line in output.split(separator: "\n") {
            guard let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any],
                  object["@level"] as? String == "error" else { continue }
            let diagnostic = object["diagnostic"] as? [String: Any] ?? [:]
            let address = diagnostic["address"] as? String ?? ""
            let stack = stacks.first { address.hasPrefix("module.\($0.module).") }?.name ?? "(root)"
            errors[stack, default: []].append("\(diagnostic["summary"] ?? object["@message"] ?? "") \(address)")
        }
        guard errors.isEmpty else { return (errors, nil) }
        let shown = try TerraformCLI.run(["show", "-json", "corpus.plan"], in: directory)
        return (errors, try PlanDocument.decode(showJSON: Data(shown.utf8)))
    }

    /// The root: one provider configuration per region, pointed at moto, and a module per stack
    /// given its region's configuration (and its aliases').
    static func writeRoot(_ stacks: [CorpusStack], world: ExistingWorld, moto: MotoServer, to directory: URL) throws {
        var root = ExistingWorld.providers(regions: Set(stacks.flatMap { [$0.region] + $0.aliases.values }), moto: moto)
        for stack in stacks {
            let sub = directory.appendingPathComponent(stack.module)
            try FileManager.default.createDirectory(at: sub, withIntermediateDirectories: true)
            for (file, content) in stack.files {
                try Data(world.substituted(content).utf8).write(to: sub.appendingPathComponent(file))
            }
            var providers = ["aws = aws.\(ExistingWorld.alias(stack.region))"]
            if !stack.aliases.isEmpty {
                let names = stack.aliases.keys.sorted()
                providers += names.map { "aws.\($0) = aws.\(ExistingWorld.alias(stack.aliases[$0]!))" }
                // The module receives its aliases from the root instead of configuring them.
                try Data("""
                terraform {
                  required_providers {
                    aws = {
                      source                = "hashicorp/aws"
                      configuration_aliases = [\(names.map { "aws.\($0)" }.joined(separator: ", "))]
                    }
                  }
                }

                """.utf8).write(to: sub.appendingPathComponent("corpus_override.tf"))
            }
            root += "module \"\(stack.module)\" {\n  source    = \"./\(stack.module)\"\n  providers = { \(providers.joined(separator: ", ")) }\n}\n\n"
        }
        try Data(root.utf8).write(to: directory.appendingPathComponent("main.tf"))
    }
}

/// The AWS a document says already exists, created in moto before the stacks plan.
struct ExistingWorld {
    struct Failure: Error, CustomStringConvertible {
        var description: String
        init(_ description: String) { self.description = description }
    }

    /// One data source that reads something the document says exists.
    struct Lookup: Hashable {
        enum Thing: Hashable {
            case vpc(id: String)
            case namedVPC(String)
            case defaultVPC
            case zone(name: String, isPrivate: Bool)
            case role(String)
            case topic(String)
            case table(String)
            case secret(String)
            case oidcProvider(url: String)
            case function(String)
        }
        var thing: Thing
        var region: String

        /// The lookup `data` performs, nil when it needs nothing in moto; throws for a data
        /// source this world cannot create yet (so new lookups are seeded, not skipped).
        init?(_ data: HCL.HCLBlock, region: String) throws {
            let body = data.body
            let literal = { (name: String) in body.attribute(name)?.literalString }
            self.region = region
            switch data.labels[0] {
            case "aws_vpc":
                if let id = literal("id") { thing = .vpc(id: id) }
                else if body.attribute("default") != nil { thing = .defaultVPC }
                else if let filter = body.blocks(ofType: "filter").first, filter.body.attribute("name")?.literalString == "tag:Name",
                        let name = filter.body.attribute("values")?.meaningfulTokens.compactMap({ $0.template?.literalValue }).first {
                    thing = .namedVPC(name)
                } else { throw Failure("aws_vpc.\(data.labels[1]): a lookup this test cannot seed") }
            case "aws_route53_zone":
                guard let name = literal("name") else { throw Failure("aws_route53_zone.\(data.labels[1]) without a literal name") }
                let isPrivate = body.attribute("private_zone")?.meaningfulTokens.map(\.identifier) == ["true"]
                thing = .zone(name: name, isPrivate: isPrivate)
            case "aws_iam_role": thing = .role(try Self.require(literal("name"), data))
            case "aws_sns_topic": thing = .topic(try Self.require(literal("name"), data))
            case "aws_dynamodb_table": thing = .table(try Self.require(literal("name"), data))
            case "aws_secretsmanager_secret": thing = .secret(try Self.require(literal("name"), data))
            case "aws_iam_openid_connect_provider": thing = .oidcProvider(url: try Self.require(literal("url"), data))
            case "aws_lambda_function": thing = .function(try Self.require(literal("function_name"), data))
            default: throw Failure("data \(data.labels[0]).\(data.labels[1]): no seed for this lookup yet; add one to ExistingWorld")
            }
            if thing == .defaultVPC { return nil }
        }

        private static func require(_ value: String?, _ data: HCL.HCLBlock) throws -> String {
            guard let value else { throw Failure("data \(data.labels[0]).\(data.labels[1]) has no literal name to seed") }
            return value
        }
    }

    /// VPC ids the documents name → the ids moto gave the VPCs created for them (moto cannot
    /// take an id of our choosing).
    var vpcIDs: [String: String]

    /// The stack's text with each named VPC id replaced by moto's.
    func substituted(_ text: String) -> String {
        vpcIDs.reduce(text) { $0.replacingOccurrences(of: "\"\($1.key)\"", with: "\"\($1.value)\"") }
    }

    static func alias(_ region: String) -> String { "r_" + region.replacingOccurrences(of: "-", with: "_") }

    /// One aliased provider configuration per region, every endpoint at moto.
    static func providers(regions: Set<String>, moto: MotoServer) -> String {
        regions.sorted().map { moto.provider(alias: alias($0), region: $0, maxRetries: 1) }.joined(separator: "\n")
    }

    /// Creates every looked-up thing in moto with one terraform apply and reads back the ids.
    static func seed(for stacks: [CorpusStack], moto: MotoServer, in directory: URL) throws -> ExistingWorld {
        let lookups = Set(stacks.flatMap(\.lookups)).sorted { "\($0)" < "\($1)" }
        guard !lookups.isEmpty else { return ExistingWorld(vpcIDs: [:]) }
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        var text = providers(regions: Set(lookups.map(\.region)), moto: moto)
        var outputs: [String] = []
        for (index, lookup) in lookups.enumerated() {
            let provider = "provider = aws.\(alias(lookup.region))"
            let name = "seed_\(index)"
            switch lookup.thing {
            case .vpc(let id), .namedVPC(let id):
                let tag = { if case .namedVPC = lookup.thing { id } else { "seed-\(index)" } }()
                text += """
                data "aws_availability_zones" "\(name)" {
                  \(provider)
                  state = "available"
                }
                resource "aws_vpc" "\(name)" {
                  \(provider)
                  cidr_block = "10.\(index % 250).0.0/16"
                  tags       = { Name = "\(tag)" }
                }

                """
                for zone in 0..<2 {
                    text += """
                    resource "aws_subnet" "\(name)_\(zone)" {
                      \(provider)
                      vpc_id            = aws_vpc.\(name).id
                      cidr_block        = "10.\(index % 250).\(zone + 1).0/24"
                      availability_zone = data.aws_availability_zones.\(name).names[\(zone)]
                    }

                    """
                }
                if case .vpc = lookup.thing { outputs.append("  \(HCLText.quoted(id)) = aws_vpc.\(name).id") }
            case .zone(let zone, let isPrivate):
                let vpc = isPrivate ? "  vpc {\n    vpc_id = aws_vpc.\(name)_zone.id\n  }\n" : ""
                if isPrivate {
                    text += "resource \"aws_vpc\" \"\(name)_zone\" {\n  \(provider)\n  cidr_block = \"10.250.0.0/16\"\n}\n"
                }
                text += "resource \"aws_route53_zone\" \"\(name)\" {\n  \(provider)\n  name = \(HCLText.quoted(zone))\n\(vpc)}\n\n"
            case .role(let role):
                text += """
                resource "aws_iam_role" "\(name)" {
                  \(provider)
                  name               = \(HCLText.quoted(role))
                  assume_role_policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "sts:AssumeRole", Principal = { Service = "ecs-tasks.amazonaws.com" } }] })
                }

                """
            case .topic(let topic):
                text += "resource \"aws_sns_topic\" \"\(name)\" {\n  \(provider)\n  name = \(HCLText.quoted(topic))\n}\n\n"
            case .table(let table):
                text += """
                resource "aws_dynamodb_table" "\(name)" {
                  \(provider)
                  name         = \(HCLText.quoted(table))
                  billing_mode = "PAY_PER_REQUEST"
                  hash_key     = "id"
                  attribute {
                    name = "id"
                    type = "S"
                  }
                }

                """
            case .secret(let secret):
                text += "resource \"aws_secretsmanager_secret\" \"\(name)\" {\n  \(provider)\n  name = \(HCLText.quoted(secret))\n}\n\n"
            case .oidcProvider(let url):
                text += "resource \"aws_iam_openid_connect_provider\" \"\(name)\" {\n  \(provider)\n  url            = \(HCLText.quoted(url))\n  client_id_list = [\"sts.amazonaws.com\"]\n}\n\n"
            case .function(let function):
                // A deployment package of one file, zipped by Python's standard library.
                let package = directory.appendingPathComponent("\(name).zip").path
                let zip = Process()
                zip.executableURL = URL(fileURLWithPath: "/usr/bin/env")
                zip.arguments = ["python3", "-c", "import sys, zipfile; zipfile.ZipFile(sys.argv[1], 'w').writestr('index.py', 'def handler(e, c):\\n    return e\\n')", package]
                try zip.run()
                zip.waitUntilExit()
                text += """
                resource "aws_iam_role" "\(name)" {
                  \(provider)
                  name               = "\(name)-function"
                  assume_role_policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "sts:AssumeRole", Principal = { Service = "lambda.amazonaws.com" } }] })
                }
                resource "aws_lambda_function" "\(name)" {
                  \(provider)
                  function_name = \(HCLText.quoted(function))
                  role          = aws_iam_role.\(name).arn
                  handler       = "index.handler"
                  runtime       = "python3.12"
                  filename      = \(HCLText.quoted(package))
                }

                """
            case .defaultVPC:
                break
            }
        }
        text += "output \"vpc_ids\" {\n  value = {\n\(outputs.joined(separator: "\n"))\n  }\n}\n"
        try Data(text.utf8).write(to: directory.appendingPathComponent("main.tf"))
        _ = try TerraformCLI.run(["init", "-backend=false", "-plugin-dir=\(TerraformCLI.pluginDir)", "-input=false", "-no-color"], in: directory)
        _ = try TerraformCLI.run(["apply", "-auto-approve", "-input=false", "-no-color"], in: directory)
        let shown = try TerraformCLI.run(["output", "-json", "vpc_ids"], in: directory)
        let ids = try JSONSerialization.jsonObject(with: Data(shown.utf8)) as? [String: String] ?? [:]
        return ExistingWorld(vpcIDs: ids)
    }
}

extension PlanDocument {
    /// The part of a plan one child module contributes, addressed as if the module were the
    /// root: what the module's stack would have planned on its own.
    func module(_ address: String) -> PlanDocument {
        let prefix = address + "."
        func local(_ text: String) -> String { text.hasPrefix(prefix) ? String(text.dropFirst(prefix.count)) : text }
        func mine(_ moduleAddress: String?) -> Bool { moduleAddress == address }
        var part = self
        part.resources = resources.filter { mine($0.moduleAddress) }.map { var r = $0; r.address = local(r.address); r.moduleAddress = nil; return r }
        part.priorResources = priorResources.filter { mine($0.moduleAddress) }.map { var r = $0; r.address = local(r.address); r.moduleAddress = nil; return r }
        part.changes = changes.filter { mine($0.moduleAddress) }.map { var c = $0; c.address = local(c.address); c.moduleAddress = nil; return c }
        part.configuration = [:]
        for (key, var configuration) in configuration where key.hasPrefix(prefix) {
            configuration.address = local(configuration.address)
            configuration.modulePath = nil
            configuration.references = configuration.references.mapValues { $0.map(local) }
            part.configuration[local(key)] = configuration
        }
        part.outputs = []
        return part
    }
}
