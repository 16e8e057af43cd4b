import Hummingbird
import NIOCore

/// `GET /healthz` (the process answers) and `GET /readyz` (it can take traffic: 503 with the reason
/// otherwise), in the Kubernetes style. Both are open without a token: probes carry none, and the answers
/// hold no data.
struct HealthController: Sendable {
    let readiness: Readiness

    static let paths: Set<String> = ["/healthz", "/readyz"]

    func addRoutes(to router: Router<some RequestContext>) {
        router.get("/healthz") { _, _ in Self.text(.ok, "ok") }
        router.get("/readyz") { _, _ in
            guard let reason = readiness.notReadyReason() else { return Self.text(.ok, "ready") }
            return Self.text(.serviceUnavailable, "not ready: " + reason)
        }
    }

    private static func text(_ status: HTTPResponse.Status, _ text: String) -> Response {
        Response(
            status: status, headers: [.contentType: "text/plain; charset=utf-8", .cacheControl: "no-store"],
            body: ResponseBody(byteBuffer: ByteBuffer(string: text + "\n")))
    }
}
