/// The guard's rules over Terraform's JSON syntax (`.tf.json`), where blocks are nested
/// objects (or arrays of objects) and string values are templates.
extension GuardInspector {
    mutating func inspectJSON(_ root: LinedJSON) {
        guard case .object = root else {
            refuse(.syntax, line: root.line, "a .tf.json file must contain an object")
            return
        }
        scanJSONStrings(root)
        for member in root.members {
            switch member.key {
            case "resource", "ephemeral", "data":
                let kind = member.key
                for typeMember in member.value.blockObjects.flatMap(\.members) where typeMember.key != "//" {
                    checkResourceType(typeMember.key, kind: kind, line: typeMember.line)
                    for nameMember in typeMember.value.blockObjects.flatMap(\.members) {
                        for body in nameMember.value.blockObjects {
                            inspectJSONResourceBody(body, kind: kind, type: typeMember.key)
                        }
                    }
                }
            case "provider":
                for providerMember in member.value.blockObjects.flatMap(\.members) where providerMember.key != "//" {
                    checkProviderName(providerMember.key, line: providerMember.line, context: "provider block")
                    if providerMember.key == "aws" {
                        for body in providerMember.value.blockObjects {
                            for argument in body.members where argument.key != "//" {
                                checkAWSProviderArgument(argument.key, line: argument.line)
                            }
                        }
                    }
                }
            case "terraform":
                for body in member.value.blockObjects {
                    for setting in body.members {
                        switch setting.key {
                        case "backend", "cloud":
                            refuse(.backend, line: setting.line, "\(setting.key) block: the daemon configures state")
                        case "required_providers":
                            for entry in setting.value.blockObjects.flatMap(\.members) where entry.key != "//" {
                                let source: String??
                                if case .object = entry.value {
                                    if let sourceValue = entry.value.members.first(where: { $0.key == "source" })?.value {
                                        source = .some(literalTemplate(sourceValue))
                                    } else {
                                        source = nil
                                    }
                                } else {
                                    source = nil
                                }
                                checkRequiredProvider(entry.key, source: source, line: entry.line)
                            }
                        default:
                            break
                        }
                    }
                }
            case "module":
                for moduleMember in member.value.blockObjects.flatMap(\.members) where moduleMember.key != "//" {
                    for body in moduleMember.value.blockObjects {
                        if let source = body.members.first(where: { $0.key == "source" }) {
                            checkModuleSource(literalTemplate(source.value), module: moduleMember.key, line: source.line)
                        } else {
                            refuse(.moduleSource, line: moduleMember.line, "module \(moduleMember.key) has no source")
                        }
                    }
                }
            case "removed":
                for body in member.value.blockObjects {
                    for inner in body.members where inner.key == "provisioner" {
                        refuse(.provisioner, line: inner.line, "provisioner in removed block")
                    }
                }
            case "check":
                for checkMember in member.value.blockObjects.flatMap(\.members) {
                    for body in checkMember.value.blockObjects {
                        for inner in body.members where inner.key == "data" {
                            for typeMember in inner.value.blockObjects.flatMap(\.members) {
                                checkResourceType(typeMember.key, kind: "data", line: typeMember.line)
                            }
                        }
                    }
                }
            default:
                break
            }
        }
    }

    private mutating func inspectJSONResourceBody(_ body: LinedJSON, kind: String, type: String) {
        for argument in body.members {
            switch argument.key {
            case "provisioner" where kind != "data":
                let provisionerType = argument.value.blockObjects.first?.members.first?.key ?? ""
                refuse(.provisioner, line: argument.line, "provisioner \"\(provisionerType)\" in resource \(type)")
            case "provider":
                if let reference = argument.value.stringValue {
                    let name = String(reference.split(separator: ".").first ?? "")
                    checkProviderName(name, line: argument.line, context: "provider meta-argument")
                }
            default:
                if Guard.localFileArguments[type]?.contains(argument.key) == true {
                    checkLocalFile(type: type, argument: argument.key, literal: literalTemplate(argument.value), line: argument.line)
                }
            }
        }
    }

    /// The value when it is a string without interpolation; nil otherwise.
    private func literalTemplate(_ value: LinedJSON) -> String? {
        guard let text = value.stringValue else { return nil }
        return (try? HCLLexer.tokenizeTemplate(text, line: value.line))?.literalValue
    }

    /// Every string value is a template in JSON syntax: scan its interpolations for
    /// file-reading functions. `//` comment members are not evaluated by Terraform.
    private mutating func scanJSONStrings(_ value: LinedJSON) {
        switch value {
        case .object(let members, _):
            for member in members where member.key != "//" { scanJSONStrings(member.value) }
        case .array(let elements, _):
            for element in elements { scanJSONStrings(element) }
        case .string(let text, let line):
            do {
                let template = try HCLLexer.tokenizeTemplate(text, line: line)
                for tokens in template.expressionTokens { scanFunctions(tokens) }
            } catch {
                refuse(.syntax, line: line, "cannot parse template: \(error.message)")
            }
        case .scalar:
            break
        }
    }
}
