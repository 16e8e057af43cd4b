/// The checkout saga run by `orders`: reserve stock → charge → ship. When a step fails, the steps already
/// done are undone in reverse order (refund before releasing stock), each compensation its own span.
package struct CheckoutSaga: Hashable, Sendable {
    package enum Step: String, CaseIterable, Sendable {
        case reserveStock = "reserve-stock"
        case charge
        case ship

        /// What undoes this step, or nil when nothing needs undoing (a shipment that failed was never made).
        package var compensation: Compensation? {
            switch self {
            case .reserveStock: return .releaseStock
            case .charge: return .refundPayment
            case .ship: return nil
            }
        }
    }

    package enum Compensation: String, Sendable {
        case releaseStock = "release-stock"
        case refundPayment = "refund-payment"
    }

    package enum Outcome: Hashable, Sendable {
        case running
        case completed
        case failed(at: Step)
    }

    package private(set) var completed: [Step] = []
    package private(set) var outcome: Outcome = .running

    package init() {}

    /// The next step to run, or nil when the saga is over.
    package var nextStep: Step? {
        guard outcome == .running else { return nil }
        return Step.allCases.first { !completed.contains($0) }
    }

    package mutating func succeeded(_ step: Step) {
        precondition(step == nextStep, "saga steps run in order")
        completed.append(step)
        if completed.count == Step.allCases.count { outcome = .completed }
    }

    package mutating func failed(_ step: Step) {
        precondition(step == nextStep, "saga steps run in order")
        outcome = .failed(at: step)
    }

    /// The compensations to run, most recent step first.
    package var compensations: [Compensation] {
        guard case .failed = outcome else { return [] }
        return completed.reversed().compactMap(\.compensation)
    }
}
