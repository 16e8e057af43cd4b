#!/bin/sh
# Fuzzes the OTLP JSON decoders and the JSON reader with libFuzzer + AddressSanitizer, outside the package build:
# compiles the TraceModel sources together with JSONFuzzTarget.swift.
#
#   scripts/fuzz/fuzz-json.sh [seconds]        (default 300)
#
# The corpus lives in .build/fuzz-json/corpus (seeded from ../shared/otlp-samples and fixtures/); crashes are written
# to .build/fuzz-json/crash-*. Turn each one into a test in Tests/TraceModelTests/OTLPJSONErrorTests.swift.
set -eu
root=$(cd "$(dirname "$0")/../.." && pwd)
out="$root/.build/fuzz-json"
seconds=${1:-300}
mkdir -p "$out/corpus"

swiftc -sanitize=fuzzer,address -parse-as-library -O -g -module-name TraceModelFuzz \
    $(find "$root/Sources/TraceModel" -name '*.swift') "$root/scripts/fuzz/JSONFuzzTarget.swift" \
    -lm -o "$out/fuzz-json"

samples="$root/../shared/otlp-samples"
if [ -d "$samples" ]; then cp "$samples"/real-sdk/*.json "$samples"/reference/otlp-proto-*.json "$out/corpus/" 2>/dev/null || true; fi
cp "$root"/fixtures/query-suite/traces.json "$out/corpus/" 2>/dev/null || true

cd "$out"
# One job on one core: the machine is shared. JSON keys are the interesting tokens: give them to libFuzzer.
cat > otlp.dict <<'DICT'
"\"resourceSpans\""
"\"scopeSpans\""
"\"spans\""
"\"traceId\""
"\"spanId\""
"\"parentSpanId\""
"\"attributes\""
"\"value\""
"\"stringValue\""
"\"intValue\""
"\"doubleValue\""
"\"arrayValue\""
"\"kvlistValue\""
"\"bytesValue\""
"\"values\""
"\"events\""
"\"links\""
"\"status\""
"\"resourceLogs\""
"\"scopeLogs\""
"\"logRecords\""
"\"body\""
"\\u0000"
"\\ud800"
"NaN"
DICT
exec ./fuzz-json -max_total_time="$seconds" -max_len=16384 -timeout=10 -rss_limit_mb=2048 -dict=otlp.dict -print_final_stats=1 corpus
