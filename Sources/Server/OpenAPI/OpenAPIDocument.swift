import Foundation
import Store

/// The OpenAPI 3.1 description of the HTTP API, served at `/api/v1/openapi.json`.
///
/// Written by hand next to the routes; `ServerTests` compares its paths and methods with the
/// routes the router actually holds, so the two cannot drift apart silently.
enum OpenAPIDocument {
    /// The document as JSON bytes (sorted keys: stable output).
    static let json: [UInt8] = {
        let data = (try? JSONSerialization.data(withJSONObject: document(), options: [.sortedKeys, .withoutEscapingSlashes])) ?? Data("{}".utf8)
        return Array(data)
    }()

    private typealias Object = [String: Any]

    private static func ref(_ name: String) -> Object { ["$ref": "#/components/schemas/\(name)"] }
    private static func json(_ schema: Object, _ description: String) -> Object {
        ["description": description, "content": ["application/json": ["schema": schema]]]
    }
    private static var errorResponse: Object{ json(ref("Error"), "An error, as `{\"error\": \"message\"}`") }
    private static func errors(_ codes: [String]) -> Object {
        Dictionary(uniqueKeysWithValues: codes.map { ($0, errorResponse as Any) })
    }
    private static var readSecurity: [Object]{ [["bearerAuth": [String]()], [:]] }
    private static var actionSecurity: [Object]{ [["bearerAuth": [String]()]] }

    private static func query(_ name: String, _ description: String, _ schema: Object) -> Object {
        ["name": name, "in": "query", "required": false, "description": description, "schema": schema]
    }
    private static func path(_ name: String, _ description: String, _ schema: Object) -> Object {
        ["name": name, "in": "path", "required": true, "description": description, "schema": schema]
    }
    private static var stackId: Object { path("id", "The stack id (`<repository>/<path>`) percent-encoded as ONE path segment: `demo/infra/web` is sent as `demo%2Finfra%2Fweb`.", ["type": "string"]) }
    private static var repositoryId: Object { path("id", "The repository id from the config.", ["type": "string"]) }
    private static var numericId: Object { path("id", "A positive whole number.", ["type": "integer", "minimum": 1]) }
    private static var limit: Object { query("limit", "Page size, 1 to 200 (default 50).", ["type": "integer", "minimum": 1, "maximum": 200]) }
    private static var offset: Object { query("offset", "Entries to skip (default 0).", ["type": "integer", "minimum": 0]) }

    private static func operation(_ summary: String, tag: String, security: [Object], parameters: [Object] = [], responses: Object) -> Object {
        ["summary": summary, "tags": [tag], "security": security, "parameters": parameters, "responses": responses]
    }

    private static func document() -> Object {
        let stackStatuses = StackStatus.allCases.map(\.rawValue)
        let readErrors = errors(["400", "401", "404"])
        let webhook: (String, String) -> Object = { provider, header in
            operation(
                "Wake the matching repository (\(provider))", tag: "webhooks", security: [],
                parameters: [
                    query("repository", "The repository id; without it the repository is found from the payload's clone, ssh or web URLs.", ["type": "string"]),
                    ["name": header, "in": "header", "required": true, "description": "Signature or token, checked against the repository's webhook secret.", "schema": ["type": "string"]],
                ],
                responses: [
                    "200": json(ref("Accepted"), "A ping, verified and not acted on"),
                    "202": json(ref("Accepted"), "Signature verified; the repository is polled now"),
                ].merging(errors(["400", "401", "404", "409", "413"])) { $1 }
            ).merging(["requestBody": ["required": true, "description": "The forge's event payload, at most 1 MiB.", "content": ["application/json": ["schema": ["type": "object"]]]]]) { $1 }
        }

        let paths: Object = [
            "/healthz": ["get": operation("The process answers", tag: "health", security: [], responses: ["200": json(ref("Health"), "Alive")])],
            "/readyz": ["get": operation("The store opens and every repository was fetched once", tag: "health", security: [], responses: [
                "200": json(ref("Health"), "Ready"), "503": json(ref("Health"), "Not ready yet"),
            ])],
            "/metrics": ["get": operation("Prometheus metrics", tag: "health", security: readSecurity, responses: [
                "200": ["description": "Prometheus text exposition", "content": ["text/plain": ["schema": ["type": "string"]]]],
            ].merging(errors(["401"])) { $1 })],
            "/": ["get": operation("The status page (HTML)", tag: "page", security: readSecurity,
                                   parameters: [query("status", "Show only stacks with this status.", ["type": "string", "enum": stackStatuses])],
                                   responses: ["200": ["description": "HTML page", "content": ["text/html": ["schema": ["type": "string"]]]]].merging(errors(["400", "401"])) { $1 })],
            "/compare": ["get": operation("Two deployments of a stack side by side (HTML): resources, then each changed file, old left, new right", tag: "page", security: readSecurity, parameters: [
                ["name": "stack", "in": "query", "required": true, "description": "The stack id (a query value: not encoded as a path segment).", "schema": ["type": "string"]],
                ["name": "from", "in": "query", "required": true, "description": "The older deployment's id.", "schema": ["type": "integer", "minimum": 1]],
                ["name": "to", "in": "query", "required": true, "description": "The newer deployment's id.", "schema": ["type": "integer", "minimum": 1]],
            ], responses: ["200": ["description": "HTML page", "content": ["text/html": ["schema": ["type": "string"]]]]].merging(readErrors) { $1 })],
            "/login": ["get": operation("Exchange an API token (a link scripts/demo prints) for a read-only session cookie, then go to the status page", tag: "page", security: [], parameters: [
                ["name": "token", "in": "query", "required": true, "description": "A configured API token.", "schema": ["type": "string"]],
            ], responses: ["303": ["description": "Signed in; on to /"]].merging(errors(["400", "401"])) { $1 })],
            "/api/v1/openapi.json": ["get": operation("This document", tag: "meta", security: [], responses: ["200": json(["type": "object"], "OpenAPI 3.1")])],
            "/api/v1/repositories": ["get": operation("Watched repositories and how their fetches go", tag: "repositories", security: readSecurity,
                                                      responses: ["200": json(ref("RepositoryList"), "The repositories")].merging(errors(["400", "401"])) { $1 })],
            "/api/v1/connections": ["get": operation("The configured deployer roles: pending (not checked yet), connected (assumed, with the account) or failed (with the reason); checked at start and every hour", tag: "repositories", security: readSecurity,
                                                     responses: ["200": json(ref("ConnectionList"), "The roles")].merging(errors(["400", "401"])) { $1 })],
            "/api/v1/repositories/{id}": ["get": operation("One repository", tag: "repositories", security: readSecurity, parameters: [repositoryId],
                                                           responses: ["200": json(ref("Repository"), "The repository")].merging(readErrors) { $1 })],
            "/api/v1/repositories/{id}/sync": ["post": operation("Poll the repository now", tag: "actions", security: actionSecurity, parameters: [repositoryId],
                                                                 responses: ["202": json(ref("Accepted"), "Queued")].merging(errors(["401", "404"])) { $1 })],
            "/api/v1/stacks": ["get": operation("Stacks with status, last proposal, last deployment and drift", tag: "stacks", security: readSecurity, parameters: [
                query("status", "Only these statuses (comma-separated).", ["type": "string"]),
                query("repository", "Only stacks of this repository.", ["type": "string"]),
                limit, offset,
            ], responses: ["200": json(ref("StackList"), "One page of stacks, ordered by id")].merging(errors(["400", "401"])) { $1 })],
            "/api/v1/stacks/{id}": ["get": operation("One stack", tag: "stacks", security: readSecurity, parameters: [stackId],
                                                     responses: ["200": json(ref("Stack"), "The stack")].merging(readErrors) { $1 })],
            "/api/v1/stacks/{id}/history": ["get": operation("Proposals and deployments of a stack, with durations", tag: "stacks", security: readSecurity, parameters: [
                stackId,
                query("status", "Only entries with these statuses (comma-separated proposal or deployment statuses).", ["type": "string"]),
                query("kind", "Only proposals or only deployments.", ["type": "string", "enum": ["proposal", "deployment"]]),
                query("sort", "newest (default), oldest, or longest first.", ["type": "string", "enum": ["newest", "oldest", "longest"]]),
                limit, offset,
            ], responses: ["200": json(ref("History"), "One page of history")].merging(readErrors) { $1 })],
            "/api/v1/stacks/{id}/drift": ["get": operation("Drift checks of a stack, newest first", tag: "stacks", security: readSecurity, parameters: [stackId, limit],
                                                           responses: ["200": json(ref("DriftCheckList"), "The drift checks")].merging(readErrors) { $1 })],
            "/api/v1/stacks/{id}/compare": ["get": operation("What changed between two deployments: requirements diff, Terraform diff, resources added, removed or changed", tag: "stacks", security: readSecurity, parameters: [
                stackId,
                ["name": "from", "in": "query", "required": true, "description": "The older deployment's id.", "schema": ["type": "integer", "minimum": 1]],
                ["name": "to", "in": "query", "required": true, "description": "The newer deployment's id.", "schema": ["type": "integer", "minimum": 1]],
            ], responses: ["200": json(ref("Comparison"), "The comparison")].merging(readErrors) { $1 })],
            "/api/v1/stacks/{id}/drift-check": ["post": operation("Check a deployed stack for drift now", tag: "actions", security: actionSecurity, parameters: [stackId],
                                                                  responses: ["202": json(ref("Accepted"), "Queued")].merging(errors(["400", "401", "404"])) { $1 })],
            "/api/v1/stacks/{id}/approve": ["post": [
                "summary": "Apply exactly the saved plan that waits for approval (the plan changed after review)", "tags": ["actions"],
                "security": actionSecurity, "parameters": [stackId],
                "requestBody": ["required": true, "content": ["application/json": ["schema": ["type": "object", "required": ["plan"], "additionalProperties": false, "properties": ["plan": ["type": "string", "pattern": "^[0-9a-f]{64}$", "description": "The fingerprint of the waiting plan, from the status branch or the deployment."]]]]]],
                "responses": (["202": json(ref("Accepted"), "Approved and queued")] as Object).merging(errors(["400", "401", "404", "409"])) { $1 },
            ] as Object],
            "/api/v1/stacks/{id}/rollback": ["post": [
                "summary": "Push the branch ezbuilt/rollback/<stack>-<N> holding what deployment N applied; it is proposed like any branch and applied only when merged", "tags": ["actions"],
                "security": actionSecurity, "parameters": [stackId],
                "requestBody": ["required": true, "content": ["application/json": ["schema": ["type": "object", "required": ["deployment"], "additionalProperties": false, "properties": ["deployment": ["type": "integer", "minimum": 1, "description": "An applied deployment of this stack."]]]]]],
                "responses": (["201": json(ref("RollbackBranch"), "The branch was pushed")] as Object).merging(errors(["400", "401", "404", "409"])) { $1 },
            ] as Object],
            "/api/v1/stacks/{id}/states": ["get": operation("The stack's state snapshots (one before every apply), oldest first", tag: "stacks", security: readSecurity, parameters: [stackId],
                                                            responses: ["200": json(ref("StateSnapshotList"), "The snapshots")].merging(readErrors) { $1 })],
            "/api/v1/stacks/{id}/states/{name}/restore": ["post": operation("Make a snapshot the stack's state again (the state it replaces is kept as a snapshot); refused while the stack is busy", tag: "actions", security: actionSecurity, parameters: [
                stackId, ["name": "name", "in": "path", "required": true, "description": "A snapshot's name from /states.", "schema": ["type": "string"]],
            ], responses: ["200": json(ref("Accepted"), "Restored")].merging(errors(["401", "404", "409"])) { $1 })],
            "/api/v1/deployments": ["get": operation("Deployments, newest first", tag: "deployments", security: readSecurity, parameters: [
                query("stack", "Only this stack (its id, not encoded: it is a query value).", ["type": "string"]),
                query("status", "Only this status.", ["type": "string"]),
                query("sort", "newest (default) or oldest first.", ["type": "string", "enum": ["newest", "oldest"]]),
                limit, offset,
            ], responses: ["200": json(ref("DeploymentList"), "One page of deployments")].merging(errors(["400", "401"])) { $1 })],
            "/api/v1/deployments/{id}": ["get": operation("A deployment with its log", tag: "deployments", security: readSecurity, parameters: [numericId],
                                                          responses: ["200": json(ref("DeploymentWithLog"), "The deployment")].merging(readErrors) { $1 })],
            "/api/v1/runs/{id}": ["get": operation("A run (one unit of terraform work)", tag: "runs", security: readSecurity, parameters: [numericId],
                                                   responses: ["200": json(ref("Run"), "The run")].merging(readErrors) { $1 })],
            "/api/v1/runs/{id}/log": ["get": operation("A run's log; with follow=true, live as server-sent events", tag: "runs", security: readSecurity, parameters: [
                numericId,
                query("follow", "Stream the log as server-sent events until the run ends: each line is an event with `id:` = line id and `data:` = text; the stream ends with `event: end` whose data is the run's status. `Last-Event-ID` resumes.", ["type": "boolean"]),
                query("after", "Only lines with a larger id.", ["type": "integer", "minimum": 0]),
                query("limit", "At most this many lines (1 to 10000; not with follow).", ["type": "integer", "minimum": 1, "maximum": 10000]),
            ], responses: [
                "200": ["description": "The stored log (JSON), or the live stream", "content": [
                    "application/json": ["schema": ref("RunLog")],
                    "text/event-stream": ["schema": ["type": "string"]],
                ]],
            ].merging(readErrors) { $1 })],
            "/api/v1/audit": ["get": operation("Actions taken through the API (sync, drift check, approve): who, what, on what, when, how it ended; newest first. Always needs credentials, even with publicRead.", tag: "audit", security: actionSecurity, parameters: [
                query("actor", "Only this identity (`token:<12 hex>` or `oidc:<sub>`).", ["type": "string"]),
                query("action", "Only this action.", ["type": "string", "enum": APIRoutes.auditedActions]),
                limit, offset,
            ], responses: ["200": json(ref("AuditList"), "One page of the audit log")].merging(errors(["400", "401"])) { $1 })],
            "/api/v1/webhooks/github": ["post": webhook("GitHub", "X-Hub-Signature-256")],
            "/api/v1/webhooks/gitlab": ["post": webhook("GitLab", "X-Gitlab-Token")],
            "/api/v1/webhooks/gitea": ["post": webhook("Gitea", "X-Gitea-Signature")],
        ]

        let string: Object = ["type": "string"]
        let optionalString: Object = ["type": ["string", "null"]]
        let date: Object = ["type": "string", "format": "date-time"]
        let optionalDate: Object = ["type": ["string", "null"], "format": "date-time"]
        let optionalInt: Object = ["type": ["integer", "null"]]
        let counts: Object = ["type": ["object", "null"], "properties": ["add": ["type": "integer"], "change": ["type": "integer"], "destroy": ["type": "integer"], "replace": ["type": "integer"]]]
        func object(_ properties: Object, required: [String]? = nil) -> Object {
            ["type": "object", "properties": properties, "required": required ?? properties.keys.sorted()]
        }
        let schemas: Object = [
            "Error": object(["error": string]),
            "Accepted": object(["accepted": ["type": "boolean"], "message": string]),
            "RollbackBranch": object(["branch": string, "commit": string, "message": string]),
            "StateSnapshotList": object(["stackId": string, "snapshots": ["type": "array", "items": object([
                "name": string, "deployment": optionalInt, "bytes": ["type": "integer"], "takenAt": date,
            ], required: ["name", "bytes", "takenAt"])]]),
            "ConnectionList": object(["connections": ["type": "array", "items": object([
                "repository": string, "stacks": string, "roleArn": string, "region": string,
                "state": ["type": "string", "enum": ["pending", "connected", "failed"]],
                "reason": optionalString, "account": optionalString, "checkedAt": optionalDate,
            ], required: ["repository", "stacks", "roleArn", "region", "state"])]]),
            "Health": object(["status": string, "checks": ["type": "object", "additionalProperties": string]], required: ["status"]),
            "Repository": object([
                "id": string, "url": string, "deployBranch": string, "statusBranch": string, "webhooksEnabled": ["type": "boolean"],
                "lastFetchAt": optionalDate, "lastFetchError": optionalString, "everReachable": ["type": "boolean"], "stackCount": ["type": "integer"],
            ], required: ["id", "url", "deployBranch", "statusBranch", "webhooksEnabled", "everReachable", "stackCount"]),
            "RepositoryList": object(["repositories": ["type": "array", "items": ref("Repository")]]),
            "Proposal": object([
                "id": optionalInt, "runId": optionalInt, "branch": string, "sourceCommit": string, "generatedCommit": optionalString,
                "status": ["type": "string", "enum": ["proposed", "refused", "failed", "blocked"]], "validationPassed": ["type": ["boolean", "null"]],
                "plan": counts, "diagnostics": ["type": "array", "items": ["type": "object"]], "error": optionalString, "createdAt": date, "durationMs": optionalInt,
            ], required: ["branch", "sourceCommit", "status", "diagnostics", "createdAt"]),
            "Deployment": object([
                "id": optionalInt, "runId": optionalInt, "stackId": string, "commit": string, "action": ["type": "string", "enum": ["apply", "destroy"]],
                "status": string, "queuedAt": date, "startedAt": optionalDate, "finishedAt": optionalDate, "durationMs": optionalInt,
                "error": optionalString, "counts": counts, "pendingPlan": optionalString, "approvedBy": optionalString,
                "pendingChanges": ["type": ["array", "null"], "items": object(["address": string, "action": string], required: ["address", "action"])],
            ], required: ["stackId", "commit", "action", "status", "queuedAt"]),
            "DeploymentList": object(["deployments": ["type": "array", "items": ref("Deployment")], "limit": ["type": "integer"], "offset": ["type": "integer"]]),
            "LogLine": object(["id": ["type": "integer"], "at": date, "stream": ["type": "string", "enum": ["stdout", "stderr", "daemon"]], "text": string]),
            "DeploymentWithLog": object(["deployment": ref("Deployment"), "log": ["type": "array", "items": ref("LogLine")], "logTruncated": ["type": "boolean"]]),
            "DriftCheck": object([
                "id": optionalInt, "runId": optionalInt, "commit": string, "status": ["type": "string", "enum": ["clean", "drifted", "failed"]],
                "resources": ["type": "array", "items": ["type": "object"]], "error": optionalString, "checkedAt": date, "durationMs": optionalInt, "reported": ["type": "boolean"],
            ], required: ["commit", "status", "resources", "checkedAt", "reported"]),
            "DriftCheckList": object(["driftChecks": ["type": "array", "items": ref("DriftCheck")]]),
            "Stack": object([
                "id": string, "repository": string, "path": string, "status": ["type": "string", "enum": stackStatuses], "statusDetail": optionalString,
                "deployedCommit": optionalString, "lastAppliedCommit": optionalString, "lastAttemptedCommit": optionalString,
                "conditions": ["type": "array", "items": object([
                    "type": ["type": "string", "enum": StackCondition.Kind.allCases.map(\.rawValue)], "status": ["type": "boolean"],
                    "reason": ["type": "string", "enum": StackCondition.Reason.allCases.map(\.rawValue)], "message": optionalString,
                ], required: ["type", "status", "reason"])],
                "updatedAt": date, "lastProposal": ["oneOf": [ref("Proposal"), ["type": "null"]]],
                "lastDeployment": ["oneOf": [ref("Deployment"), ["type": "null"]]], "drift": ["oneOf": [ref("DriftCheck"), ["type": "null"]]],
            ], required: ["id", "repository", "path", "status", "conditions", "updatedAt"]),
            "StackList": object(["stacks": ["type": "array", "items": ref("Stack")], "total": ["type": "integer"], "limit": ["type": "integer"], "offset": ["type": "integer"]]),
            "HistoryItem": object([
                "kind": ["type": "string", "enum": ["proposal", "deployment"]], "id": optionalInt, "status": string, "at": date, "durationMs": optionalInt,
                "commit": string, "proposal": ref("Proposal"), "deployment": ref("Deployment"),
            ], required: ["kind", "status", "at", "commit"]),
            "History": object(["stackId": string, "items": ["type": "array", "items": ref("HistoryItem")], "total": ["type": "integer"], "limit": ["type": "integer"], "offset": ["type": "integer"]]),
            "Run": object([
                "id": ["type": "integer"], "stackId": string, "kind": ["type": "string", "enum": ["proposal", "deployment", "driftCheck"]],
                "status": ["type": "string", "enum": ["running", "finished", "interrupted"]], "startedAt": date, "finishedAt": optionalDate,
            ], required: ["id", "stackId", "kind", "status", "startedAt"]),
            "FileChange": object([
                "path": string, "status": ["type": "string", "enum": ["added", "removed", "modified", "unchanged"]],
                "linesAdded": ["type": "integer"], "linesRemoved": ["type": "integer"], "diff": ["type": "string", "description": "Unified diff; empty when unchanged."],
            ]),
            "Comparison": object([
                "stackId": string, "from": ref("Deployment"), "to": ref("Deployment"), "requirements": ref("FileChange"),
                "terraform": ["type": "array", "items": ref("FileChange")],
                "resources": ["type": "array", "items": object(["address": string, "change": ["type": "string", "enum": ["added", "removed", "changed"]]])],
                "resourceCounts": object(["added": ["type": "integer"], "removed": ["type": "integer"], "changed": ["type": "integer"]]),
            ]),
            "AuditEvent": object([
                "id": ["type": "integer"], "at": date, "actor": string, "action": ["type": "string", "enum": APIRoutes.auditedActions],
                "target": string, "outcome": ["type": "integer", "description": "The HTTP status the action was answered with."], "detail": optionalString,
            ], required: ["id", "at", "actor", "action", "target", "outcome"]),
            "AuditList": object(["events": ["type": "array", "items": ref("AuditEvent")], "total": ["type": "integer"], "limit": ["type": "integer"], "offset": ["type": "integer"]]),
            "RunLog": object(["run": ref("Run"), "lines": ["type": "array", "items": ref("LogLine")], "lastId": optionalInt], required: ["run", "lines"]),
        ]

        return [
            "openapi": "3.1.0",
            "info": [
                "title": "EZBuilt daemon API",
                "version": "1",
                "description": "Status, history, live logs, webhooks and actions of an EZBuilt daemon. Errors are JSON `{\"error\": \"message\"}`. Reads need a bearer token or OIDC JWT unless `auth.publicRead` is true; actions and the audit log always do, and every action is recorded in the audit log; webhooks are checked by their signature. Stack ids contain slashes and are sent percent-encoded as one path segment.",
            ],
            "paths": paths,
            "components": [
                "schemas": schemas,
                "securitySchemes": ["bearerAuth": ["type": "http", "scheme": "bearer", "description": "A static token (its SHA-256 is in auth.tokens) or a JWT from the configured OIDC issuer."]],
            ],
        ]
    }
}
