import EZBuiltConfiguration
import Foundation
import Git
import Terraform

/// Every secret the daemon holds, collected once at start to seed its one `Redactor`.
public enum DaemonSecrets {
    /// AWS credentials the daemon may hold in its environment (its base identity).
    static let awsVariables = ["AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_ACCESS_KEY_ID", "AWS_CONTAINER_AUTHORIZATION_TOKEN"]
    /// Variables that hold an LLM endpoint's key, when a generator uses one.
    static let llmVariables = ["EZBUILT_LLM_API_KEY", "OPENAI_API_KEY", "ANTHROPIC_API_KEY"]

    /// The values of the secrets `config` names (webhook secrets, git tokens, ssh key
    /// passphrases, external ids inline or from the environment, the PostgreSQL URL, which
    /// holds its password) and those in `environment` (AWS keys, LLM keys, `EZBUILT_EXTERNAL_ID`).
    public static func values(config: EZBuiltConfig, environment: [String: String] = ProcessInfo.processInfo.environment) -> [String] {
        var names = awsVariables + llmVariables + ["EZBUILT_EXTERNAL_ID"]
        var values: [String] = []
        if let name = config.generator.llm?.apiKeyEnv { names.append(name) }
        if case .postgres(let urlEnv, _) = config.store { names.append(urlEnv) }
        for repository in config.repositories {
            if let name = repository.webhookSecretEnv { names.append(name) }
            switch repository.credentials {
            case .token(let env, _): names.append(env)
            case .sshKey(_, let passphraseEnv): if let passphraseEnv { names.append(passphraseEnv) }
            case .none: break
            }
            for account in repository.aws.accounts {
                if let name = account.externalIdEnv { names.append(name) }
                if let inline = account.externalId { values.append(inline) }
            }
        }
        values += names.compactMap { environment[$0] }
        if case .postgres(let urlEnv, _) = config.store, let url = environment[urlEnv],
           let password = URLComponents(string: url)?.password {
            values.append(password.removingPercentEncoding ?? password)
        }
        return values.filter { !$0.isEmpty }
    }

    /// A redactor knowing every secret of `config` and `environment`.
    public static func redactor(config: EZBuiltConfig, environment: [String: String] = ProcessInfo.processInfo.environment) -> Redactor {
        Redactor(secrets: values(config: config, environment: environment))
    }
}

extension Redactor {
    /// `changes` with the text of every written file redacted: what the daemon commits to a
    /// status branch or as PLAN.md. Files that are not UTF-8 text are left as they are.
    func redact(_ changes: [FileChange]) -> [FileChange] {
        changes.map { change in
            guard case .write(let path, let contents, let executable) = change,
                  let text = String(data: contents, encoding: .utf8) else { return change }
            let clean = redact(text)
            return clean == text ? change : .write(path: path, contents: Data(clean.utf8), executable: executable)
        }
    }
}
