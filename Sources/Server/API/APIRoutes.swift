import EZBuiltCore
import Foundation
import Secrets
import Hummingbird
import Store
import EZBuiltConfiguration

/// The JSON API under `/api/v1`: repositories, stacks, history, deployments, drift checks,
/// runs and their logs, and the two actions (sync, drift check).
struct APIRoutes: Sendable {
    let state: ServerState

    /// Reads of whole histories are capped here; a stack with more entries pages through
    /// the newest ones (the store has no combined proposal+deployment query).
    static let historyScanLimit = 10_000
    static let maxPageSize = 200
    static let maxLogLines = 10_000
    /// The actions the audit log records (`RouteRegistrar`'s `.action` names).
    static let auditedActions = ["sync", "drift-check", "approve", "rollback", "restore-state"]

    private var store: Store { state.store }

    // MARK: Repositories

    @Sendable func repositories(_ request: Request, _ context: BasicRequestContext) async throws -> Response {
        _ = try QueryParameters(request, allowed: [])
        let records = Dictionary(uniqueKeysWithValues: try await store.repositories().map { ($0.id, $0) })
        let stacks = try await store.stacks()
        let list = state.config.repositories.map { repositoryModel($0, record: records[$0.id], stacks: stacks) }
        return try JSON.response(APIModels.RepositoryList(repositories: list))
    }

    @Sendable func repository(_ request: Request, _ context: BasicRequestContext) async throws -> Response {
        _ = try QueryParameters(request, allowed: [])
        let repository = try configuredRepository(context)
        let model = repositoryModel(repository, record: try await store.repository(id: repository.id), stacks: try await store.stacks(repositoryId: repository.id))
        return try JSON.response(model)
    }

    @Sendable func sync(_ request: Request, _ context: BasicRequestContext) async throws -> Response {
        let repository = try configuredRepository(context)
        guard await state.backend.sync(repositoryID: repository.id) else {
            throw APIError.notFound("the reconciler does not know repository '\(repository.id)'")
        }
        return try JSON.response(APIModels.Accepted(accepted: true, message: "repository '\(repository.id)' will be polled now"), status: .accepted)
    }

    private func configuredRepository(_ context: BasicRequestContext) throws(APIError) -> RepositoryConfig {
        let id = try PathParameter.string(context, "id")
        guard let repository = state.config.repository(id: id) else {
            throw APIError.notFound("no repository '\(id)'")
        }
        return repository
    }

    private func repositoryModel(_ config: RepositoryConfig, record: RepositoryRecord?, stacks: [StackRecord]) -> APIModels.Repository {
        let secretEnv = config.webhookSecretEnv ?? ""
        return APIModels.Repository(
            id: config.id,
            url: URLCredentials.scrub(record?.url ?? config.url),
            deployBranch: config.deployBranch,
            statusBranch: config.statusBranch,
            webhooksEnabled: !secretEnv.isEmpty && !(state.environment[secretEnv] ?? "").isEmpty,
            lastFetchAt: record?.lastFetchAt,
            lastFetchError: record?.lastFetchError.map(URLCredentials.scrub),
            everReachable: record?.everReachable ?? false,
            stackCount: stacks.filter { $0.repositoryId == config.id }.count
        )
    }

    // MARK: AWS connections

    @Sendable func connections(_ request: Request, _ context: BasicRequestContext) async throws -> Response {
        _ = try QueryParameters(request, allowed: [])
        return try JSON.response(APIModels.ConnectionList(connections: await state.backend.awsConnections()))
    }

    // MARK: Stacks

    @Sendable func stacks(_ request: Request, _ context: BasicRequestContext) async throws -> Response {
        let query = try QueryParameters(request, allowed: ["status", "repository", "limit", "offset"])
        let statuses = try Self.statusFilter(query, allowed: StackStatus.allCases.map(\.rawValue))
        let repository = try query.string("repository")
        if let repository, state.config.repository(id: repository) == nil {
            throw APIError.badParameter("repository", "names no configured repository (got \(QueryParameters.quoted(repository)))")
        }
        let limit = try query.int("limit", in: 1...Self.maxPageSize) ?? 50
        let offset = try query.int("offset", in: 0...1_000_000) ?? 0
        let page = try await StackSummaries(store: store, live: state.live).page(repositoryId: repository, statuses: statuses, limit: limit, offset: offset)
        return try JSON.response(APIModels.StackList(stacks: page.stacks, total: page.total, limit: limit, offset: offset))
    }

    @Sendable func stack(_ request: Request, _ context: BasicRequestContext) async throws -> Response {
        _ = try QueryParameters(request, allowed: [])
        let id = try await existingStack(context).id
        guard let summary = try await StackSummaries(store: store, live: state.live).summary(id: id) else {
            throw APIError.notFound("no stack '\(id)'")
        }
        return try JSON.response(summary)
    }

    @Sendable func history(_ request: Request, _ context: BasicRequestContext) async throws -> Response {
        let query = try QueryParameters(request, allowed: ["status", "kind", "sort", "limit", "offset"])
        let allStatuses = Set(ProposalStatus.allCases.map(\.rawValue) + DeploymentStatus.allCases.map(\.rawValue)).sorted()
        let statuses = try Self.statusFilter(query, allowed: allStatuses)
        let kind = try query.choice("kind", in: ["proposal", "deployment"])
        let sort = try query.choice("sort", in: ["newest", "oldest", "longest"]) ?? "newest"
        let limit = try query.int("limit", in: 1...Self.maxPageSize) ?? 50
        let offset = try query.int("offset", in: 0...1_000_000) ?? 0
        let stack = try await existingStack(context)

        let items = try await StackHistory(store: store).items(stackId: stack.id, kind: kind, statuses: statuses, sort: sort, scanLimit: Self.historyScanLimit)
        let page = Array(items.dropFirst(offset).prefix(limit))
        return try JSON.response(APIModels.History(stackId: stack.id, items: page, total: items.count, limit: limit, offset: offset))
    }

    @Sendable func driftChecks(_ request: Request, _ context: BasicRequestContext) async throws -> Response {
        let query = try QueryParameters(request, allowed: ["limit"])
        let limit = try query.int("limit", in: 1...Self.maxPageSize) ?? 50
        let stack = try await existingStack(context)
        let checks = try await store.driftChecks(stackId: stack.id, limit: limit).map(APIModels.DriftCheck.init)
        return try JSON.response(APIModels.DriftCheckList(driftChecks: checks))
    }

    @Sendable func requestDriftCheck(_ request: Request, _ context: BasicRequestContext) async throws -> Response {
        let stack = try await existingStack(context)
        guard await state.backend.requestDriftCheck(stackID: stack.id) else {
            throw APIError.notFound("the reconciler does not know stack '\(stack.id)'")
        }
        return try JSON.response(APIModels.Accepted(accepted: true, message: "a drift check of '\(stack.id)' is queued"), status: .accepted)
    }

    /// What changed between two deployments of a stack (`from` and `to`, deployment ids):
    /// the requirements diff, the Terraform diff and the resources added, removed or changed,
    /// from the files at each deployment's commit.
    @Sendable func compare(_ request: Request, _ context: BasicRequestContext) async throws -> Response {
        let query = try QueryParameters(request, allowed: ["from", "to"])
        let ids = try DeploymentComparison.ids(query)
        let loaded = try await DeploymentComparison.load(state, stack: try await existingStack(context), from: ids.from, to: ids.to)
        return try JSON.response(APIModels.Comparison(stackId: loaded.stack.id, from: loaded.from, to: loaded.to, comparison: loaded.comparison))
    }

    /// `{"plan": "<fingerprint>"}`: applies exactly that saved plan of a stack waiting for
    /// approval. The approver's identity is recorded with the deployment.
    @Sendable func approve(_ request: Request, _ context: BasicRequestContext) async throws -> Response {
        let stack = try await existingStack(context)
        struct Body: Decodable { var plan: String }
        var request = request
        let data = try await request.collectBody(upTo: 4096)
        guard let body = try? JSONDecoder().decode(Body.self, from: Data(buffer: data)),
              body.plan.wholeMatch(of: /[0-9a-f]{64}/) != nil
        else {
            throw APIError(.badRequest, "send {\"plan\": \"<the 64-hex fingerprint of the plan waiting for approval>\"}")
        }
        let identity = state.authenticator.identity(request)
        switch try await state.backend.approve(stackID: stack.id, plan: body.plan, by: identity) {
        case .approved:
            return try JSON.response(APIModels.Accepted(accepted: true, message: "plan \(body.plan.prefix(12)) of '\(stack.id)' approved by \(identity); it is queued to be applied"), status: .accepted)
        case .notWaiting:
            throw APIError(.conflict, "no deployment of '\(stack.id)' waits for approval")
        case .differentPlan(let waiting):
            throw APIError(.conflict, "'\(stack.id)' waits for plan \(waiting), not \(body.plan); read that plan before approving it")
        }
    }

    /// `{"deployment": N}`: pushes `ezbuilt/rollback/<stack>-<N>` with what deployment N
    /// applied; it is proposed like any branch, and applied only when merged.
    @Sendable func rollback(_ request: Request, _ context: BasicRequestContext) async throws -> Response {
        let stack = try await existingStack(context)
        struct Body: Decodable { var deployment: Int64 }
        var request = request
        let data = try await request.collectBody(upTo: 4096)
        guard let body = try? JSONDecoder().decode(Body.self, from: Data(buffer: data)), body.deployment > 0 else {
            throw APIError(.badRequest, "send {\"deployment\": <the id of an applied deployment of this stack>}")
        }
        let identity = state.authenticator.identity(request)
        switch try await state.backend.rollback(stackID: stack.id, to: body.deployment, by: identity) {
        case .created(let branch, let commit):
            return try JSON.response(APIModels.RollbackBranch(branch: branch, commit: commit,
                                                               message: "\(branch) holds deployment \(body.deployment)'s files; EZBuilt proposes it now, and merging it applies the plan its PLAN.md shows"),
                                     status: .created)
        case .notFound(let reason): throw APIError.notFound(reason)
        case .conflict(let reason): throw APIError(.conflict, reason)
        }
    }

    /// The stack's state snapshots (one taken before every apply), oldest first.
    @Sendable func states(_ request: Request, _ context: BasicRequestContext) async throws -> Response {
        _ = try QueryParameters(request, allowed: [])
        let stack = try await existingStack(context)
        guard let snapshots = try await state.backend.stateSnapshots(stackID: stack.id) else {
            throw APIError.notFound("the reconciler does not know stack '\(stack.id)'")
        }
        return try JSON.response(APIModels.StateSnapshotList(stackId: stack.id, snapshots: snapshots))
    }

    /// Makes a snapshot the stack's state again (an operator's repair, outside git): refused
    /// with 409 while the stack is busy.
    @Sendable func restoreState(_ request: Request, _ context: BasicRequestContext) async throws -> Response {
        let stack = try await existingStack(context)
        let name = try PathParameter.string(context, "name")
        let identity = state.authenticator.identity(request)
        switch try await state.backend.restoreState(stackID: stack.id, snapshot: name, by: identity) {
        case .restored(let saved):
            return try JSON.response(APIModels.Accepted(accepted: true, message: "the state of '\(stack.id)' is snapshot \(name) again"
                + (saved.map { "; the state it replaced is snapshot \($0)" } ?? "")))
        case .notFound(let reason): throw APIError.notFound(reason)
        case .refused(let reason): throw APIError(.conflict, reason)
        }
    }

    private func existingStack(_ context: BasicRequestContext) async throws -> StackRecord {
        let id = try PathParameter.string(context, "id")
        guard let stack = try await store.stack(id: id) else {
            throw APIError.notFound("no stack '\(id)' (stack ids go percent-encoded in one path segment: repo%2Fpath)")
        }
        return stack
    }

    /// `status=a` or `status=a,b`, each one of `allowed`.
    static func statusFilter(_ query: QueryParameters, allowed: [String]) throws(APIError) -> Set<String>? {
        guard let text = try query.string("status") else { return nil }
        let values = text.split(separator: ",", omittingEmptySubsequences: false).map { String($0) }
        for value in values where !allowed.contains(value) {
            throw APIError.badParameter("status", "must be one or more (comma-separated) of \(allowed.joined(separator: ", ")) (got \(QueryParameters.quoted(value)))")
        }
        return Set(values)
    }

    // MARK: Deployments

    @Sendable func deployments(_ request: Request, _ context: BasicRequestContext) async throws -> Response {
        let query = try QueryParameters(request, allowed: ["stack", "status", "sort", "limit", "offset"])
        let statusText = try query.choice("status", in: DeploymentStatus.allCases.map(\.rawValue))
        let sort = try query.choice("sort", in: ["newest", "oldest"]) ?? "newest"
        let limit = try query.int("limit", in: 1...Self.maxPageSize) ?? 50
        let offset = try query.int("offset", in: 0...1_000_000) ?? 0
        let stackId = try query.string("stack")
        let records = try await store.deployments(
            stackId: stackId, status: statusText.flatMap(DeploymentStatus.init(rawValue:)),
            ascending: sort == "oldest", limit: limit, offset: offset
        )
        return try JSON.response(APIModels.DeploymentList(deployments: records.map(APIModels.Deployment.init), limit: limit, offset: offset))
    }

    @Sendable func deployment(_ request: Request, _ context: BasicRequestContext) async throws -> Response {
        _ = try QueryParameters(request, allowed: [])
        let id = try PathParameter.int(context, "id")
        guard let deployment = try await store.deployment(id: id) else { throw APIError.notFound("no deployment \(id)") }
        var lines: [LogLineRecord] = []
        if let runId = deployment.runId {
            lines = try await store.logLines(runId: runId, limit: Self.maxLogLines + 1)
        }
        let truncated = lines.count > Self.maxLogLines
        return try JSON.response(APIModels.DeploymentWithLog(
            deployment: .init(deployment),
            log: lines.prefix(Self.maxLogLines).map(APIModels.LogLine.init),
            logTruncated: truncated
        ))
    }

    // MARK: Runs

    @Sendable func run(_ request: Request, _ context: BasicRequestContext) async throws -> Response {
        _ = try QueryParameters(request, allowed: [])
        return try JSON.response(APIModels.Run(try await existingRun(context)))
    }

    /// The stored log as JSON, or with `follow=true` a server-sent event stream of the lines
    /// as they are written, ending when the run ends.
    @Sendable func runLog(_ request: Request, _ context: BasicRequestContext) async throws -> Response {
        let query = try QueryParameters(request, allowed: ["follow", "after", "limit"])
        let follow = try query.bool("follow") ?? false
        let after = try query.int("after", in: 0...Int.max).map(Int64.init)
        let limit = try query.int("limit", in: 1...Self.maxLogLines) ?? Self.maxLogLines
        let run = try await existingRun(context)
        guard let runId = run.id else { throw APIError.notFound("no such run") }
        if follow {
            // A reconnecting EventSource says where it stopped; it wins over `after`.
            let lastEventId = request.headers[.init("Last-Event-ID")!].flatMap { Int64($0) }
            return LiveLogStream(store: store, live: state.live, runId: runId, after: lastEventId ?? after, logger: state.logger).response()
        }
        let lines = try await store.logLines(runId: runId, afterId: after, limit: limit).map(APIModels.LogLine.init)
        return try JSON.response(APIModels.RunLog(run: .init(run), lines: lines, lastId: lines.last?.id))
    }

    private func existingRun(_ context: BasicRequestContext) async throws -> RunRecord {
        let id = try PathParameter.int(context, "id")
        guard let run = try await store.run(id: id) else { throw APIError.notFound("no run \(id)") }
        return run
    }

    // MARK: Audit

    /// The audit log, newest first: every action taken through the API and who took it.
    @Sendable func audit(_ request: Request, _ context: BasicRequestContext) async throws -> Response {
        let query = try QueryParameters(request, allowed: ["actor", "action", "limit", "offset"])
        let actor = try query.string("actor")
        let action = try query.choice("action", in: Self.auditedActions)
        let limit = try query.int("limit", in: 1...Self.maxPageSize) ?? 50
        let offset = try query.int("offset", in: 0...1_000_000) ?? 0
        let (events, total) = try await store.auditEvents(actor: actor, action: action, limit: limit, offset: offset)
        return try JSON.response(APIModels.AuditList(events: events.map(APIModels.AuditEvent.init), total: total, limit: limit, offset: offset))
    }

    // MARK: OpenAPI

    @Sendable func openAPI(_ request: Request, _ context: BasicRequestContext) async throws -> Response {
        Response(
            status: .ok,
            headers: [.contentType: "application/json; charset=utf-8"],
            body: .init(byteBuffer: ByteBuffer(bytes: OpenAPIDocument.json))
        )
    }
}

/// Path parameters, decoded and checked.
enum PathParameter {
    /// The percent-decoded segment (stack ids arrive as `repo%2Fpath`).
    static func string(_ context: BasicRequestContext, _ name: String) throws(APIError) -> String {
        guard let raw = context.parameters.get(name), let decoded = raw.removingPercentEncoding, !decoded.isEmpty else {
            throw APIError(.badRequest, "path parameter '\(name)' is not valid percent-encoding")
        }
        return decoded
    }

    static func int(_ context: BasicRequestContext, _ name: String) throws(APIError) -> Int64 {
        let text = try string(context, name)
        guard let number = Int64(text), number > 0 else {
            throw APIError(.badRequest, "path parameter '\(name)' must be a positive whole number (got \(QueryParameters.quoted(text)))")
        }
        return number
    }
}
