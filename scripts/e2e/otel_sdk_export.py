"""Exports traces and logs with the real OpenTelemetry Python SDK to a collector, then prints (as JSON on
stdout) exactly what the SDK produced, so the Swift test can compare it field by field with what was stored.

Usage: otel_sdk_export.py --endpoint http://127.0.0.1:PORT --protocol json|protobuf|grpc [--compression gzip|none]
       [--token TOKEN]
(grpc: the OTLP/gRPC exporters, endpoint http://127.0.0.1:GRPC_PORT; the others: OTLP/HTTP.)
"""
import argparse
import json
import logging
import os
import sys

from opentelemetry import trace
from opentelemetry._logs import set_logger_provider
from opentelemetry.sdk._logs import LoggerProvider, LoggingHandler
from opentelemetry.sdk._logs.export import BatchLogRecordProcessor, SimpleLogRecordProcessor
from opentelemetry.sdk._logs.export import InMemoryLogRecordExporter
from opentelemetry.sdk.resources import Resource
from opentelemetry.sdk.trace import TracerProvider
from opentelemetry.sdk.trace.export import BatchSpanProcessor, SimpleSpanProcessor
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter
from opentelemetry.trace import Link, SpanKind, Status, StatusCode


def exporters(protocol, endpoint, compression, ca_cert=None):
    # Compression through the standard variable: the two exporter packages spell the enum differently. The gRPC
    # exporter knows only "gzip"; without the variable it sends uncompressed.
    os.environ.pop("OTEL_EXPORTER_OTLP_COMPRESSION", None)
    if protocol != "grpc" or compression != "none":
        os.environ["OTEL_EXPORTER_OTLP_COMPRESSION"] = compression
    if protocol == "grpc":
        from opentelemetry.exporter.otlp.proto.grpc._log_exporter import OTLPLogExporter
        from opentelemetry.exporter.otlp.proto.grpc.trace_exporter import OTLPSpanExporter
        if ca_cert:
            import grpc
            with open(ca_cert, "rb") as file:
                credentials = grpc.ssl_channel_credentials(file.read())
            return (OTLPSpanExporter(endpoint=endpoint, credentials=credentials), OTLPLogExporter(endpoint=endpoint, credentials=credentials))
        return (OTLPSpanExporter(endpoint=endpoint, insecure=True), OTLPLogExporter(endpoint=endpoint, insecure=True))
    if protocol == "json":
        from opentelemetry.exporter.otlp.json.http._log_exporter import OTLPLogExporter
        from opentelemetry.exporter.otlp.json.http.trace_exporter import OTLPSpanExporter
    else:
        from opentelemetry.exporter.otlp.proto.http._log_exporter import OTLPLogExporter
        from opentelemetry.exporter.otlp.proto.http.trace_exporter import OTLPSpanExporter
    return (OTLPSpanExporter(endpoint=endpoint + "/v1/traces"), OTLPLogExporter(endpoint=endpoint + "/v1/logs"))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--endpoint", required=True)
    parser.add_argument("--protocol", choices=["json", "protobuf", "grpc"], default="json")
    parser.add_argument("--ca-cert", help="grpc: trust this certificate (TLS) instead of speaking plaintext")
    parser.add_argument("--token", help="sent as 'authorization: Bearer TOKEN' (a header, or gRPC metadata)")
    parser.add_argument("--compression", choices=["gzip", "none"], default="gzip")
    parser.add_argument("--service", default="python-e2e")
    args = parser.parse_args()

    if args.token:
        os.environ["OTEL_EXPORTER_OTLP_HEADERS"] = "authorization=Bearer%20" + args.token
    resource = Resource.create({"service.name": args.service, "service.version": "1.2.3", "deployment.environment.name": "test"})
    span_exporter, log_exporter = exporters(args.protocol, args.endpoint, args.compression, args.ca_cert)
    captured_spans = InMemorySpanExporter()
    provider = TracerProvider(resource=resource)
    provider.add_span_processor(SimpleSpanProcessor(captured_spans))
    provider.add_span_processor(BatchSpanProcessor(span_exporter))
    trace.set_tracer_provider(provider)

    captured_logs = InMemoryLogRecordExporter()
    log_provider = LoggerProvider(resource=resource)
    log_provider.add_log_record_processor(SimpleLogRecordProcessor(captured_logs))
    log_provider.add_log_record_processor(BatchLogRecordProcessor(log_exporter))
    set_logger_provider(log_provider)
    app_logger = logging.getLogger("shop.checkout")
    app_logger.setLevel(logging.INFO)
    app_logger.addHandler(LoggingHandler(level=logging.INFO, logger_provider=log_provider))
    app_logger.propagate = False

    tracer = trace.get_tracer("e2e.tracer", "0.1.0")
    with tracer.start_as_current_span("upstream publish", kind=SpanKind.PRODUCER) as producer:
        producer_context = producer.get_span_context()
    with tracer.start_as_current_span(
        "POST /checkout", kind=SpanKind.SERVER,
        attributes={
            "http.request.method": "POST", "http.response.status_code": 500, "url.path": "/checkout",
            "retry": True, "sampling.ratio": 0.25, "big": 2**62 + 1, "negative": -7,
            "tags": ["a", "b", "ünïcødé"], "ports": [80, 443], "weights": [0.5, 1.5], "flags": [True, False],
            "http.request.header.x-correlation-id": ["corr-e2e-1"],
        },
        links=[Link(producer_context, {"link.reason": "triggered-by"})],
    ) as root:
        app_logger.info("checkout started for %s", "order-42")
        with tracer.start_as_current_span("db.query", kind=SpanKind.CLIENT, attributes={"db.system.name": "sqlite", "db.rows": 3}):
            with tracer.start_as_current_span("db.connect", kind=SpanKind.INTERNAL):
                pass
        with tracer.start_as_current_span("payment.charge") as charge:
            try:
                raise TimeoutError("upstream timed out after 2s")
            except TimeoutError as error:
                charge.record_exception(error, attributes={"attempt": 2})
                charge.set_status(Status(StatusCode.ERROR, "charge failed"))
                app_logger.error("charge failed: %s", error)
        root.add_event("checkout.finished", {"items": 3})
    provider.force_flush()
    log_provider.force_flush()
    provider.shutdown()
    log_provider.shutdown()

    def value(v):
        if isinstance(v, bool):
            return {"bool": v}
        if isinstance(v, int):
            return {"int": str(v)}
        if isinstance(v, float):
            return {"double": v}
        if isinstance(v, str):
            return {"string": v}
        if isinstance(v, (list, tuple)):
            return {"array": [value(x) for x in v]}
        return {"string": str(v)}

    def attributes(attrs):
        return [{"key": k, "value": value(v)} for k, v in (attrs or {}).items()]

    spans = []
    for s in captured_spans.get_finished_spans():
        spans.append({
            "traceId": format(s.context.trace_id, "032x"), "spanId": format(s.context.span_id, "016x"),
            "parentSpanId": format(s.parent.span_id, "016x") if s.parent else "",
            "name": s.name, "kind": s.kind.value + 1, "start": str(s.start_time), "end": str(s.end_time),
            "attributes": attributes(s.attributes),
            "events": [{"name": e.name, "time": str(e.timestamp), "attributes": attributes(e.attributes)} for e in s.events],
            "links": [{"traceId": format(l.context.trace_id, "032x"), "spanId": format(l.context.span_id, "016x"),
                       "attributes": attributes(l.attributes)} for l in s.links],
            "status": {"code": s.status.status_code.value, "message": s.status.description or ""},
        })
    logs = []
    for data in captured_logs.get_finished_logs():
        record = data.log_record if hasattr(data, "log_record") else data
        logs.append({
            "body": str(record.body), "severityNumber": record.severity_number.value if record.severity_number else 0,
            "traceId": format(record.trace_id or 0, "032x"), "spanId": format(record.span_id or 0, "016x"),
        })
    json.dump({"spans": spans, "logs": logs}, sys.stdout)


if __name__ == "__main__":
    main()
