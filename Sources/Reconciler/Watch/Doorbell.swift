/// Wakes a polling loop early: the webhook endpoint rings it so a push is handled at once
/// instead of at the next poll.
///
/// Rings are not counted: several rings while the loop is busy wake it once.
public actor Doorbell {
    private var rung = false
    private var waiter: CheckedContinuation<Void, Never>?

    public init() {}

    /// Wakes the waiting loop, or the next wait when nobody waits now.
    public func ring() {
        if let waiter {
            self.waiter = nil
            waiter.resume()
        } else {
            rung = true
        }
    }

    /// Returns when rung or after `timeout`, whichever comes first (or on cancellation).
    public nonisolated func wait(upTo timeout: Duration) async {
        await withTaskGroup(of: Void.self) { group in
            group.addTask { try? await Task.sleep(for: timeout) }
            group.addTask { await self.waitForRing() }
            await group.next()
            group.cancelAll()
        }
    }

    private func waitForRing() async {
        if rung {
            rung = false
            return
        }
        await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                if Task.isCancelled {
                    continuation.resume()
                } else {
                    waiter = continuation
                }
            }
        } onCancel: {
            Task { await self.cancelWait() }
        }
    }

    private func cancelWait() {
        waiter?.resume()
        waiter = nil
    }
}
