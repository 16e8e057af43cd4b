# Shared by scripts/test and scripts/demo: install what is missing, then build.
# Sourced, not run. Every step says what it does; nothing is installed that is already there.

log() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }

root_dir() { cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd; }

# System packages: SQLite and ncursesw headers for the build, tmux for the terminal tests,
# python3-venv for the OpenTelemetry SDK tests, zlib for compression, openssl for the TLS test's certificate.
ensure_system_packages() {
  local wanted=(libsqlite3-dev libncursesw5-dev zlib1g-dev libzstd-dev tmux python3 python3-venv python3-pip curl gzip openssl)
  local missing=()
  for package in "${wanted[@]}"; do
    dpkg -s "$package" >/dev/null 2>&1 || missing+=("$package")
  done
  # python3-venv is only needed when the python3 on PATH cannot make a venv by itself (e.g. a pyenv build can).
  if [ ${#missing[@]} -gt 0 ] && python3 -m venv --help >/dev/null 2>&1; then
    local kept=()
    for package in "${missing[@]}"; do
      case "$package" in python3|python3-venv|python3-pip) ;; *) kept+=("$package") ;; esac
    done
    missing=("${kept[@]+"${kept[@]}"}")
  fi
  if [ ${#missing[@]} -gt 0 ]; then
    log "installing system packages: ${missing[*]}"
    local sudo=""
    [ "$(id -u)" -ne 0 ] && sudo="sudo"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
  fi
}

ensure_swift() {
  if ! command -v swift >/dev/null 2>&1; then
    if [ -x /opt/swift/usr/bin/swift ]; then
      export PATH="/opt/swift/usr/bin:$PATH"
    else
      echo "error: no Swift toolchain found. Install Swift 6.1 or newer (https://www.swift.org/install/linux/) and run this again." >&2
      exit 1
    fi
  fi
}

# The OpenTelemetry Python SDK (from PyPI) that the end-to-end tests drive, in .venv.
ensure_python_sdk() {
  local venv="$1/.venv"
  if [ ! -x "$venv/bin/python" ]; then
    log "creating $venv"
    python3 -m venv "$venv"
  fi
  # module the tests import → the PyPI package that brings it. The OpenTelemetry SDK and its OTLP exporters
  # (HTTP JSON, HTTP protobuf, gRPC), grpcio and h2 for raw gRPC calls, Prometheus' own parser for /metrics,
  # the Zipkin JSON exporter. (The Zipkin protobuf exporter ships code generated for protobuf 3 that fails under
  # the protobuf the OTLP exporters need.)
  local wanted=(
    opentelemetry.sdk=opentelemetry-sdk
    opentelemetry.exporter.otlp.json.http=opentelemetry-exporter-otlp-json-http
    opentelemetry.exporter.otlp.proto.http=opentelemetry-exporter-otlp-proto-http
    opentelemetry.exporter.otlp.proto.grpc=opentelemetry-exporter-otlp-proto-grpc
    grpc=grpcio
    h2=h2
    prometheus_client.parser=prometheus-client
    opentelemetry.exporter.zipkin.json=opentelemetry-exporter-zipkin-json
  )
  local missing=()
  for entry in "${wanted[@]}"; do
    "$venv/bin/python" -c "import ${entry%%=*}" >/dev/null 2>&1 || missing+=("${entry#*=}")
  done
  if [ ${#missing[@]} -gt 0 ]; then
    log "installing into .venv: ${missing[*]}"
    "$venv/bin/pip" install -q --disable-pip-version-check "${missing[@]}"
  fi
}

# Debian's PostgreSQL server, for the tests and demo that use PostgreSQL as the shared store.
ensure_postgres() {
  if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
    log "installing PostgreSQL (Debian's postgresql package)"
    local sudo=""
    [ "$(id -u)" -ne 0 ] && sudo="sudo"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq postgresql >/dev/null
  fi
}

# Starts a throwaway PostgreSQL server (scripts/postgres-throwaway) in a fresh temporary folder, exports its URL as
# TRACETOP_TEST_POSTGRES and its folder as TRACETOP_TEST_POSTGRES_DIR. The caller stops it: stop_test_postgres.
start_test_postgres() {
  ensure_postgres
  TRACETOP_TEST_POSTGRES_DIR="$(mktemp -d "${TMPDIR:-/tmp}/tracetop-postgres.XXXXXX")"
  export TRACETOP_TEST_POSTGRES_DIR
  log "starting a throwaway PostgreSQL server in $TRACETOP_TEST_POSTGRES_DIR"
  TRACETOP_TEST_POSTGRES="$("$(root_dir)/scripts/postgres-throwaway" start "$TRACETOP_TEST_POSTGRES_DIR")"
  export TRACETOP_TEST_POSTGRES
}

stop_test_postgres() {
  if [ -n "${TRACETOP_TEST_POSTGRES_DIR:-}" ]; then
    "$(root_dir)/scripts/postgres-throwaway" stop "$TRACETOP_TEST_POSTGRES_DIR"
    TRACETOP_TEST_POSTGRES_DIR=""
  fi
}
