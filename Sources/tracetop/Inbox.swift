import Synchronization
import TracetopUI

/// Answers from the collector, handed from the HTTP tasks to the UI loop. Bounded: the loop drains it every
/// frame, and only a handful of requests are ever in flight (`update` never sends the same one twice).
final class Inbox: Sendable {
    private let events = Mutex<[Event]>([])
    static let capacity = 1024

    func post(_ event: Event) {
        events.withLock { queue in
            if queue.count < Self.capacity { queue.append(event) }
        }
    }

    func drain() -> [Event] {
        events.withLock { queue in
            defer { queue.removeAll(keepingCapacity: true) }
            return queue
        }
    }
}
