"""Exports spans with the real OpenTelemetry Python SDK through its Zipkin exporter (opentelemetry-exporter-zipkin-json,
from PyPI) to a collector's Zipkin endpoint, then prints (as JSON on stdout) the ids and times the SDK produced, so
the Swift test can read each span back and compare it field by field.

The protobuf exporter (opentelemetry-exporter-zipkin-proto-http 1.11.1, the last release) ships a zipkin_pb2.py
generated for protobuf 3: it does not load under protobuf 4+, and under the pure-Python runtime it fails on the
tags map. So only JSON is driven from Python; the protobuf decoder is tested with hand-built bodies.

Usage: zipkin_export.py --endpoint http://127.0.0.1:PORT/api/v2/spans
"""
import argparse
import json
import sys

from opentelemetry import trace
from opentelemetry.sdk.resources import Resource
from opentelemetry.sdk.trace import TracerProvider
from opentelemetry.sdk.trace.export import BatchSpanProcessor, SimpleSpanProcessor
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter
from opentelemetry.trace import SpanKind, Status, StatusCode


def exporter(endpoint):
    from opentelemetry.exporter.zipkin.json import ZipkinExporter
    return ZipkinExporter(endpoint=endpoint, local_node_ipv4="10.1.2.3", local_node_port=8080)


def micros(nanos):
    # The exporter's own rounding (Encoder._nsec_to_usec_round).
    return (nanos + 500) // 1000


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--endpoint", required=True)
    parser.add_argument("--service", default="zipkin-e2e")
    args = parser.parse_args()

    captured = InMemorySpanExporter()
    provider = TracerProvider(resource=Resource.create({"service.name": args.service}))
    provider.add_span_processor(SimpleSpanProcessor(captured))
    provider.add_span_processor(BatchSpanProcessor(exporter(args.endpoint)))
    tracer = provider.get_tracer("zipkin.e2e", "0.1.0")

    with tracer.start_as_current_span(
        "GET /orders", kind=SpanKind.SERVER,
        attributes={"http.request.method": "GET", "http.response.status_code": 200, "retry": True, "sampling.ratio": 0.25},
    ) as root:
        root.add_event("cache.miss", {"key": "orders:42", "attempt": 2})
        with tracer.start_as_current_span("SELECT orders", kind=SpanKind.CLIENT, attributes={"db.system.name": "postgresql"}) as query:
            query.set_status(Status(StatusCode.OK))
        with tracer.start_as_current_span("render", kind=SpanKind.INTERNAL) as render:
            render.set_status(Status(StatusCode.ERROR, "template missing"))
        with tracer.start_as_current_span("publish order.viewed", kind=SpanKind.PRODUCER):
            pass
    provider.force_flush()
    provider.shutdown()

    spans = []
    for s in captured.get_finished_spans():
        spans.append({
            "traceId": format(s.context.trace_id, "032x"), "spanId": format(s.context.span_id, "016x"),
            "parentSpanId": format(s.parent.span_id, "016x") if s.parent else "", "name": s.name,
            "startMicros": micros(s.start_time), "durationMicros": micros(s.end_time - s.start_time),
            "events": [{"name": e.name, "micros": micros(e.timestamp)} for e in s.events],
        })
    json.dump({"spans": spans}, sys.stdout)


if __name__ == "__main__":
    main()
