import DemoTraffic
import Testing
import TraceModel

/// The checkout saga as the stored spans tell it.
@Suite struct SagaStoryTests {
    let data = DemoDataset.standard

    @Test func failedChargeIsFollowedByReleasingStockOnly() throws {
        let failedCharges = data.spans(named: "saga.step charge").filter(\.isError)
        #expect(failedCharges.count >= 2, "the data set should contain failed charges")
        for charge in failedCharges {
            let trace = data.trace(charge.traceID)
            let compensations = trace.filter { $0.name.hasPrefix("saga.compensate") }
            #expect(compensations.map(\.name) == ["saga.compensate release-stock"])
            for compensation in compensations {
                #expect(compensation.startTimeUnixNano >= charge.endTimeUnixNano)
                #expect(compensation.parentSpanID == charge.parentSpanID, "compensation is a step of the same saga")
            }
            #expect(trace.contains { $0.name == "saga.step ship" } == false, "no step runs after a failure")
        }
    }

    @Test func failedShipmentIsCompensatedInReverseOrder() throws {
        let failedShipments = data.spans(named: "saga.step ship").filter(\.isError)
        #expect(!failedShipments.isEmpty, "the data set should contain failed shipments")
        for ship in failedShipments {
            let compensations = data.trace(ship.traceID)
                .filter { $0.name.hasPrefix("saga.compensate") }
                .sorted { $0.startTimeUnixNano < $1.startTimeUnixNano }
            #expect(compensations.map(\.name) == ["saga.compensate refund-payment", "saga.compensate release-stock"])
            if compensations.count == 2 {
                #expect(compensations[0].startTimeUnixNano >= ship.endTimeUnixNano)
                #expect(compensations[1].startTimeUnixNano >= compensations[0].endTimeUnixNano)
            }
        }
    }

    @Test func completedSagasHaveNoCompensation() {
        let completed = data.spans(named: "saga checkout").filter { !$0.isError }
        #expect(!completed.isEmpty)
        for saga in completed {
            #expect(!data.trace(saga.traceID).contains { $0.name.hasPrefix("saga.compensate") })
        }
    }

    @Test func failuresCarryExceptionEventsWithStackTraces() {
        let failedSteps = data.spans.map(\.span).filter { $0.name.hasPrefix("saga.step") && $0.isError }
        #expect(!failedSteps.isEmpty)
        for step in failedSteps {
            let exception = step.events.first { $0.name == "exception" }
            #expect(exception != nil)
            #expect(exception?.attributes[key: "exception.stacktrace"]?.stringValue?.contains("\n") == true)
        }
    }

    @Test(arguments: [
        (CheckoutSaga.Step.reserveStock, [CheckoutSaga.Compensation]()),
        (.charge, [.releaseStock]),
        (.ship, [.refundPayment, .releaseStock])
    ])
    func compensationsRunInReverse(failingAt failing: CheckoutSaga.Step, expected: [CheckoutSaga.Compensation]) {
        var saga = CheckoutSaga()
        while let step = saga.nextStep {
            if step == failing { saga.failed(step) } else { saga.succeeded(step) }
        }
        #expect(saga.outcome == .failed(at: failing))
        #expect(saga.compensations == expected)
        #expect(saga.nextStep == nil)
    }

    @Test func sagaThatCompletesNeedsNoCompensation() {
        var saga = CheckoutSaga()
        var order: [CheckoutSaga.Step] = []
        while let step = saga.nextStep {
            order.append(step)
            saga.succeeded(step)
        }
        #expect(order == [.reserveStock, .charge, .ship])
        #expect(saga.outcome == .completed)
        #expect(saga.compensations.isEmpty)
    }
}
