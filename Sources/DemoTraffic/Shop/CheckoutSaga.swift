/// The checkout saga run by `orders`: reserve stock → charge → ship. When a step fails, the steps already
/// done are undone in reverse order (refund before releasing stock), each compensation its own span.
public struct CheckoutSaga: Hashable, Sendable {
    public enum Step: String, CaseIterable, Sendable {
        case reserveStock = "reserve-stock"
        case charge
        case ship

        /// What undoes this step, or nil when nothing needs undoing (a shipment that failed was never made).
        public var compensation: Compensation? {
            switch self {
            case .reserveStock: return .releaseStock
            case .charge: return .refundPayment
            case .ship: return nil
            }
        }
    }

    public enum Compensation: String, Sendable {
        case releaseStock = "release-stock"
        case refundPayment = "refund-payment"
    }

    public enum Outcome: Hashable, Sendable {
        case running
        case completed
        case failed(at: Step)
    }

    public private(set) var completed: [Step] = []
    public private(set) var outcome: Outcome = .running

    public init() {}

    /// The next step to run, or nil when the saga is over.
    public var nextStep: Step? {
        guard outcome == .running else { return nil }
        return Step.allCases.first { !completed.contains($0) }
    }

    public mutating func succeeded(_ step: Step) {
        precondition(step == nextStep, "saga steps run in order")
        completed.append(step)
        if completed.count == Step.allCases.count { outcome = .completed }
    }

    public mutating func failed(_ step: Step) {
        precondition(step == nextStep, "saga steps run in order")
        outcome = .failed(at: step)
    }

    /// The compensations to run, most recent step first.
    public var compensations: [Compensation] {
        guard case .failed = outcome else { return [] }
        return completed.reversed().compactMap(\.compensation)
    }
}
