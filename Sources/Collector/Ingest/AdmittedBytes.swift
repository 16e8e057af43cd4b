/// A share of `AdmissionControl`'s budget that goes back when the last reference to it does. OTLP/gRPC hands
/// a decoded request from the transport's decoder to the handler, and a request abandoned in between (a
/// cancelled stream) must not keep its bytes counted forever.
final class AdmittedBytes: Sendable {
    private let bytes: Int
    private let admission: AdmissionControl

    init?(_ bytes: Int, of admission: AdmissionControl) {
        guard admission.admit(bytes) else { return nil }
        self.bytes = bytes
        self.admission = admission
    }

    deinit { admission.release(bytes) }
}
