"""A small shop traced with the real OpenTelemetry Python SDK, for tracetop's end-to-end test (#19): checkouts
through four services (one TracerProvider per service, each with its own service.name, sharing the context as
instrumented services would through propagation), exported over OTLP/HTTP protobuf to the collector.

Every checkout: py-gateway "POST /api/checkout" → py-orders "create order" → py-payments "charge card" (the first
attempt of the slow checkouts answers 503 and raises, the second succeeds: a retry), and py-gateway → py-inventory
"reserve stock" → "SELECT stock". One checkout, the slow one, spends 400 ms in "reserve stock"; the others 20 ms.
Span times are given explicitly (the SDK's start_time/end_time), ending a few seconds ago, so the run takes no
time and the durations are exact.

Usage: otel_sdk_shop.py --endpoint http://127.0.0.1:PORT [--checkouts N]
Prints JSON: {"slowTraceId": …, "traceIds": [...], "spans": N}.
"""
import argparse
import json
import sys
import time

from opentelemetry import context, trace
from opentelemetry.exporter.otlp.proto.http.trace_exporter import OTLPSpanExporter
from opentelemetry.sdk.resources import Resource
from opentelemetry.sdk.trace import TracerProvider
from opentelemetry.sdk.trace.export import BatchSpanProcessor, SimpleSpanProcessor
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter
from opentelemetry.trace import SpanKind, Status, StatusCode

MS = 1_000_000


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--endpoint", required=True)
    parser.add_argument("--checkouts", type=int, default=8)
    args = parser.parse_args()

    captured = InMemorySpanExporter()
    providers, tracers = [], {}
    for service in ["py-gateway", "py-orders", "py-payments", "py-inventory"]:
        provider = TracerProvider(resource=Resource.create({"service.name": service, "service.version": "0.9.1"}))
        provider.add_span_processor(BatchSpanProcessor(OTLPSpanExporter(endpoint=args.endpoint + "/v1/traces")))
        provider.add_span_processor(SimpleSpanProcessor(captured))
        providers.append(provider)
        tracers[service] = provider.get_tracer("shop." + service, "0.9.1")

    def span(service, name, start, end, kind=SpanKind.INTERNAL, attributes=None, fail=None):
        """A span starting at `start` (ns) under the current context, and its context; the caller ends it at `end`
        (an exception is recorded just before `end`)."""
        s = tracers[service].start_span(name, kind=kind, attributes=attributes or {}, start_time=start)
        if fail is not None:
            s.record_exception(fail, timestamp=end - 1 * MS)
            s.set_status(Status(StatusCode.ERROR, str(fail)))
        return s, trace.set_span_in_context(s)

    now = time.time_ns()
    slow_index = args.checkouts // 2
    trace_ids = []
    for index in range(args.checkouts):
        slow = index == slow_index
        base = now - (60 - index) * 1000 * MS
        reserve = 400 if slow else 20
        payments_start = base + 12 * MS
        # Gateway → orders → payments (a retry after a 503 on the slow checkout and every third one).
        retried = slow or index % 3 == 0
        charge_end = payments_start + (45 if retried else 18) * MS
        orders_end = charge_end + 4 * MS
        total = orders_end - base + reserve * MS + 8 * MS
        root, root_context = span("py-gateway", "POST /api/checkout", base, base + total, SpanKind.SERVER, attributes={
            "http.request.method": "POST", "url.path": "/api/checkout", "http.response.status_code": 200, "checkout.items": 3,
        })
        trace_ids.append(format(root.get_span_context().trace_id, "032x"))
        token = context.attach(root_context)
        orders, orders_context = span("py-orders", "create order", base + 5 * MS, orders_end, SpanKind.SERVER, {"order.id": f"order-{index}"})
        context.detach(token)
        token = context.attach(orders_context)
        if retried:
            first, _ = span("py-payments", "charge card", payments_start, payments_start + 20 * MS, SpanKind.CLIENT,
                            {"http.response.status_code": 503, "payment.attempt": 1},
                            fail=ConnectionError("payments upstream answered 503"))
            first.end(end_time=payments_start + 20 * MS)
            second, _ = span("py-payments", "charge card", payments_start + 25 * MS, charge_end, SpanKind.CLIENT,
                             {"http.response.status_code": 200, "payment.attempt": 2, "http.request.resend_count": 1})
            second.end(end_time=charge_end)
        else:
            only, _ = span("py-payments", "charge card", payments_start, charge_end, SpanKind.CLIENT,
                           {"http.response.status_code": 200, "payment.attempt": 1})
            only.end(end_time=charge_end)
        context.detach(token)
        orders.end(end_time=orders_end)
        token = context.attach(root_context)
        reserve_start = orders_end + 2 * MS
        stock, stock_context = span("py-inventory", "reserve stock", reserve_start, reserve_start + reserve * MS, SpanKind.SERVER, {"sku": "sku-7"})
        context.detach(token)
        token = context.attach(stock_context)
        query, _ = span("py-inventory", "SELECT stock", reserve_start + 2 * MS, reserve_start + 8 * MS, SpanKind.CLIENT,
                        {"db.system.name": "postgresql", "db.query.text": "SELECT qty FROM stock WHERE sku = $1"})
        query.end(end_time=reserve_start + 8 * MS)
        context.detach(token)
        stock.end(end_time=reserve_start + reserve * MS)
        root.end(end_time=base + total)

    for provider in providers:
        provider.force_flush()
        provider.shutdown()
    json.dump({"slowTraceId": trace_ids[slow_index], "traceIds": trace_ids, "spans": len(captured.get_finished_spans())}, sys.stdout)


if __name__ == "__main__":
    main()
