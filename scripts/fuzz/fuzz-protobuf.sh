#!/bin/sh
# Fuzzes the OTLP protobuf decoders with libFuzzer + AddressSanitizer, outside the package build (no
# Package.swift change): compiles the TraceModel sources together with ProtobufFuzzTarget.swift.
#
#   scripts/fuzz/fuzz-protobuf.sh [seconds]        (default 300)
#
# The corpus lives in .build/fuzz/corpus (seeded from ../shared/otlp-samples); crashes are written to
# .build/fuzz/crash-*. Turn each one into a test in Tests/TraceModelTests/ProtobufFuzzFindingsTests.swift.
set -eu
root=$(cd "$(dirname "$0")/../.." && pwd)
out="$root/.build/fuzz"
seconds=${1:-300}
mkdir -p "$out/corpus"

swiftc -sanitize=fuzzer,address -parse-as-library -O -g -module-name TraceModelFuzz \
    $(find "$root/Sources/TraceModel" -name '*.swift') "$root/scripts/fuzz/ProtobufFuzzTarget.swift" \
    -lm -o "$out/fuzz-protobuf"

samples="$root/../shared/otlp-samples/real-sdk"
if [ -d "$samples" ]; then cp "$samples"/*.bin "$out/corpus/" 2>/dev/null || true; fi

cd "$out"
# One job on one core: the machine is shared. -max_len covers a few spans; deeper structure comes from the seeds.
exec ./fuzz-protobuf -max_total_time="$seconds" -max_len=8192 -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 corpus
