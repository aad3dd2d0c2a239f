import Foundation
import Synchronization

/// Follows terraform's human-readable apply output (`aws_sqs_queue.jobs: Creating...`,
/// `…: Still creating... [10s elapsed]`, `…: Creation complete after 3s`), so that a command
/// stopped by its timeout can say which resources it was stuck on, and progress can be told.
public final class ApplyProgress: LogSink {
    private let next: any LogSink
    private let state = Mutex<(inFlight: [String], completed: Int)>(([], 0))

    /// Forwards every line to `next` after reading it.
    public init(forwardingTo next: any LogSink) {
        self.next = next
    }

    public func write(_ line: LogLine) {
        if line.stream == .stdout { read(line.text) }
        next.write(line)
    }

    /// Resources started and not finished yet, in the order they started.
    public var inFlight: [String] { state.withLock { $0.inFlight } }
    /// Resources finished so far.
    public var completed: Int { state.withLock { $0.completed } }

    // Regex is not Sendable, but these are built once and only ever read.
    nonisolated(unsafe) private static let started = /^([^\s:]+): (?:Creating|Modifying|Destroying|Reading|Still creating|Still modifying|Still destroying|Still reading)\.\.\./
    nonisolated(unsafe) private static let finished = /^([^\s:]+): (?:Creation complete|Modifications complete|Destruction complete|Read complete)/

    func read(_ text: String) {
        if let match = text.firstMatch(of: Self.finished) {
            let address = String(match.1)
            state.withLock { state in
                state.inFlight.removeAll { $0 == address }
                state.completed += 1
            }
        } else if let match = text.firstMatch(of: Self.started) {
            let address = String(match.1)
            state.withLock { state in
                if !state.inFlight.contains(address) { state.inFlight.append(address) }
            }
        }
    }
}
