import Foundation
import PlanModel
import Synchronization

/// How far a plan or an apply has got: resources done of the total, and the one being worked
/// on. Read from terraform's machine-readable output (`-json`).
public struct TerraformProgress: Sendable, Hashable {
    /// What terraform is doing.
    public enum Phase: String, Sendable, Hashable {
        /// Reading the current state of each resource (the start of a plan).
        case refresh
        /// Working out the changes.
        case plan
        /// Creating, changing and destroying.
        case apply
    }

    public var phase: Phase
    /// Resources finished in this phase.
    public var done: Int
    /// Resources this phase will go through, when known (an apply knows from its saved plan;
    /// a refresh from the state).
    public var total: Int?
    /// The resource last started, while it runs.
    public var current: String?

    public init(phase: Phase, done: Int, total: Int?, current: String?) {
        self.phase = phase
        self.done = done
        self.total = total
        self.current = current
    }
}

/// Reads terraform's `-json` output of a plan or an apply as it streams: each message is
/// forwarded as the text terraform would have printed (`@message`; error diagnostics with
/// their detail and file, on the error stream), progress is told to the sink, and the
/// resources in flight are known so a command stopped by its timeout can say what it was
/// stuck on. Lines that are not terraform's JSON messages pass through unchanged.
public final class RunProgress: LogSink {
    private struct State {
        var inFlight: [String] = []
        var completed: Set<String> = []
        var refreshed = 0
        var planned = 0
        var errors: [String] = []
        var failures: [ResourceFailure] = []
        var last: TerraformProgress?
    }

    private let next: any LogSink
    private let refreshTotal: Int?
    private let applyTotal: Int?
    private let state = Mutex(State())

    /// Forwards to `next`. `refreshTotal`: resources in the state (a plan reads each);
    /// `applyTotal`: resources the saved plan changes.
    public init(forwardingTo next: any LogSink, refreshTotal: Int? = nil, applyTotal: Int? = nil) {
        self.next = next
        self.refreshTotal = refreshTotal
        self.applyTotal = applyTotal
    }

    /// Resources started and not completed, in the order they started (one that errored, as
    /// terraform reports those it was working on when it is interrupted, stays: it never completed).
    public var inFlight: [String] { state.withLock { $0.inFlight } }
    /// Resources finished so far.
    public var completed: Int { state.withLock { $0.completed.count } }
    /// Error diagnostics, as terraform prints them (for the command's error message).
    public var errors: [String] { state.withLock { $0.errors } }
    /// Error diagnostics that name a resource (what an apply failed on), in order.
    public var failures: [ResourceFailure] { state.withLock { $0.failures } }

    public func write(_ line: LogLine) {
        guard line.stream == .stdout, line.text.hasPrefix("{"),
              let message = try? JSONValue.decode(Data(line.text.utf8), what: "terraform -json"),
              let type = message["type"]?.stringValue
        else {
            next.write(line)
            return
        }
        let text = message["@message"]?.stringValue ?? ""
        if type == "diagnostic" {
            let rendered = Self.diagnostic(message["diagnostic"], fallback: text)
            if message["diagnostic"]?["severity"]?.stringValue == "error" {
                let address = message["diagnostic"]?["address"]?.stringValue
                state.withLock { state in
                    state.errors.append(rendered)
                    if let address { state.failures.append(ResourceFailure(address: address, message: rendered)) }
                }
                next.write(LogLine(stream: .stderr, text: rendered, timestamp: line.timestamp))
            } else {
                next.write(LogLine(stream: .stdout, text: rendered, timestamp: line.timestamp))
            }
            return
        }
        if !text.isEmpty { next.write(LogLine(stream: .stdout, text: text, timestamp: line.timestamp)) }
        let address = message["hook"]?["resource"]?["addr"]?.stringValue ?? message["change"]?["resource"]?["addr"]?.stringValue
        let update: TerraformProgress? = state.withLock { state in
            switch type {
            case "refresh_complete":
                state.refreshed += 1
                return TerraformProgress(phase: .refresh, done: state.refreshed, total: refreshTotal, current: address)
            case "planned_change":
                state.planned += 1
                return TerraformProgress(phase: .plan, done: state.planned, total: nil, current: address)
            case "apply_start":
                guard let address else { return nil }
                if !state.inFlight.contains(address) { state.inFlight.append(address) }
                return TerraformProgress(phase: .apply, done: state.completed.count, total: applyTotal, current: address)
            case "apply_complete":
                guard let address else { return nil }
                state.inFlight.removeAll { $0 == address }
                state.completed.insert(address)
                return TerraformProgress(phase: .apply, done: state.completed.count, total: applyTotal, current: state.inFlight.last)
            default:
                return nil
            }
        }
        if let update, state.withLock({ state in
            defer { state.last = update }
            return state.last != update
        }) {
            next.progress(update)
        }
    }

    /// `Error: summary`, the file and line, then the detail, as terraform prints a diagnostic.
    static func diagnostic(_ value: JSONValue?, fallback: String) -> String {
        guard let value, let summary = value["summary"]?.stringValue else { return fallback }
        let severity = value["severity"]?.stringValue == "error" ? "Error" : "Warning"
        var text = "\(severity): \(summary)"
        if let file = value["range"]?["filename"]?.stringValue, let line = value["range"]?["start"]?["line"]?.numberValue {
            text += " (\(file):\(Int(line)))"
        }
        if let detail = value["detail"]?.stringValue, !detail.isEmpty { text += "\n\(detail)" }
        return text
    }
}
