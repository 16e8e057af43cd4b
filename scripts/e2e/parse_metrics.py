"""Parses Prometheus text exposition from stdin with Prometheus' own Python parser (prometheus_client) and
prints the families as JSON: [{"name", "type", "samples": [{"name", "labels", "value"}]}]. A text the
parser cannot read makes it raise, and this script exit non-zero."""
import json
import math
import sys

from prometheus_client.parser import text_string_to_metric_families


def value(number):
    # JSON has no infinities; bucket bounds are labels (strings), sample values are finite here.
    return None if math.isnan(number) or math.isinf(number) else number


families = []
for family in text_string_to_metric_families(sys.stdin.read()):
    families.append({
        "name": family.name,
        "type": family.type,
        "help": family.documentation,
        "samples": [{"name": s.name, "labels": s.labels, "value": value(s.value)} for s in family.samples],
    })
json.dump(families, sys.stdout)
