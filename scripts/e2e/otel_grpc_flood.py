"""Several OTLP/gRPC span exporters of the real OpenTelemetry Python SDK export at once, each from its own
thread and channel, so a collector with a tiny queue must refuse some calls (UNAVAILABLE + RetryInfo) and the
SDK must retry them. Prints (JSON on stdout) the trace ids of every span produced and each export's result;
the SDK's own retry messages go to stderr.

Usage: otel_grpc_flood.py --endpoint http://127.0.0.1:GRPC_PORT [--threads 6] [--batches 10] [--spans 50]
"""
import argparse
import json
import logging
import sys
import threading

from opentelemetry.exporter.otlp.proto.grpc.trace_exporter import OTLPSpanExporter
from opentelemetry.sdk.resources import Resource
from opentelemetry.sdk.trace import TracerProvider
from opentelemetry.sdk.trace.export import SimpleSpanProcessor
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--endpoint", required=True)
    parser.add_argument("--threads", type=int, default=6)
    parser.add_argument("--batches", type=int, default=10)
    parser.add_argument("--spans", type=int, default=50)
    args = parser.parse_args()
    logging.basicConfig(stream=sys.stderr, level=logging.WARNING)

    captured = InMemorySpanExporter()
    provider = TracerProvider(resource=Resource.create({"service.name": "grpc-flood"}))
    provider.add_span_processor(SimpleSpanProcessor(captured))
    tracer = provider.get_tracer("flood")
    batches = []
    for _ in range(args.threads * args.batches):
        captured.clear()
        for index in range(args.spans):
            with tracer.start_as_current_span(f"op-{index % 5}", attributes={"payload": "p" * 200}):
                pass
        batches.append(list(captured.get_finished_spans()))

    results = [None] * len(batches)

    def run(thread):
        exporter = OTLPSpanExporter(endpoint=args.endpoint, insecure=True, timeout=60)
        for number in range(thread, len(batches), args.threads):
            results[number] = exporter.export(batches[number]).name
        exporter.shutdown()

    threads = [threading.Thread(target=run, args=(t,)) for t in range(args.threads)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    traces = sorted({format(span.context.trace_id, "032x") for batch in batches for span in batch})
    json.dump({"traceIds": traces, "results": results}, sys.stdout)


if __name__ == "__main__":
    main()
