#!/usr/bin/env bash
# Starts a private copy of PostgreSQL, Kafka, Keycloak and intake-service (state in
# $BENCH_STATE, ports offset so it does not touch a running local platform), runs Bench.java
# at 200/s and at full speed, then stops everything it started. Build intake-service first
# (its target/quarkus-app/quarkus-run.jar is what runs).
set -uo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
export MINQING_STATE="${BENCH_STATE:-/tmp/intake-bench-state}"
export MINQING_PG_PORT=25432 MINQING_KAFKA_PORT=29092 MINQING_KAFKA_CONTROLLER_PORT=29093
export MINQING_KEYCLOAK_PORT=28180 MINQING_KEYCLOAK_MANAGEMENT_PORT=29180 MINQING_INTAKE_PORT=28081
export MINQING_DOWNLOADS="${MINQING_DOWNLOADS:-$ROOT/.state/downloads}"
# The service runs with the local platform's JVM options (MINQING_SERVICE_JAVA_OPTS in lib.sh) unless
# you set your own, and with MALLOC_ARENA_MAX=2 (fewer glibc arenas: much less resident memory).
# shellcheck source=../local/lib.sh
source "$ROOT/infra/local/lib.sh"

cleanup() { stop_service intake; stop_keycloak; stop_kafka; stop_pg; }
trap cleanup EXIT

ensure_state_dirs; check_java; check_pg_binaries
start_pg && pg_create_service_databases || exit 1
start_kafka && create_topics && create_acls || exit 1
start_keycloak || exit 1
start_service intake && wait_service intake || exit 1
PID=$(part_pid intake)
URL="http://127.0.0.1:$MINQING_INTAKE_PORT"
TOKEN_URL="http://127.0.0.1:$MINQING_KEYCLOAK_PORT/realms/minqing/protocol/openid-connect/token"

java "$ROOT/infra/bench/Bench.java" --url "$URL" --token-url "$TOKEN_URL" --user c11.staff \
    --rate "${RATE:-200}" --count "${COUNT:-6000}" --connections 8 --warmup 1000 --pid "$PID"
java "$ROOT/infra/bench/Bench.java" --url "$URL" --token-url "$TOKEN_URL" --user c11.staff \
    --rate 0 --count "${MAX_COUNT:-20000}" --connections "${MAX_CONNECTIONS:-16}" --warmup 0 --pid "$PID"
