# shellcheck shell=bash
# Reusable pieces of the Minqing local platform (PostgreSQL, Kafka KRaft, Keycloak, a mail server,
# an SMS gateway sink, the services), all run as native processes without Docker. Sourced by infra/local/platform; an end-to-end
# harness can source it too, after setting MINQING_STATE and the port variables to its own values:
#
#   MINQING_STATE=/tmp/e2e-state MINQING_PG_PORT=25432 source infra/local/lib.sh
#   check_java; check_pg_binaries; start_pg && pg_create_service_databases
#
# Every function returns non-zero (after printing why) instead of exiting, except die().
# Every started process is recorded in $MINQING_PIDS/<part>.pid and logs to $MINQING_LOGS/<part>.log.

# ---------------------------------------------------------------------------------------------
# Settings (all overridable through the environment)
# ---------------------------------------------------------------------------------------------
MINQING_ROOT="${MINQING_ROOT:-$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)}"
MINQING_STATE="${MINQING_STATE:-$MINQING_ROOT/.state}"
MINQING_DOWNLOADS="${MINQING_DOWNLOADS:-$MINQING_STATE/downloads}"
MINQING_LOGS="${MINQING_LOGS:-$MINQING_STATE/logs}"
MINQING_PIDS="${MINQING_PIDS:-$MINQING_STATE/pids}"
MINQING_MVN_LOCK="${MINQING_MVN_LOCK:-/tmp/minqing-mvn.lock}"

MINQING_PG_PORT="${MINQING_PG_PORT:-15432}"
MINQING_KAFKA_PORT="${MINQING_KAFKA_PORT:-9092}"
MINQING_KAFKA_CONTROLLER_PORT="${MINQING_KAFKA_CONTROLLER_PORT:-9093}"
MINQING_KEYCLOAK_PORT="${MINQING_KEYCLOAK_PORT:-8180}"
MINQING_KEYCLOAK_MANAGEMENT_PORT="${MINQING_KEYCLOAK_MANAGEMENT_PORT:-9180}"
MINQING_INTAKE_PORT="${MINQING_INTAKE_PORT:-8081}"
MINQING_REPRESENTATIVE_PORT="${MINQING_REPRESENTATIVE_PORT:-8082}"
MINQING_REFERRAL_PORT="${MINQING_REFERRAL_PORT:-8083}"
MINQING_NOTIFICATION_PORT="${MINQING_NOTIFICATION_PORT:-8084}"
MINQING_CONSOLE_PORT="${MINQING_CONSOLE_PORT:-8080}"    # staff console + /api/* forwards (one origin)
MINQING_SMTP_PORT="${MINQING_SMTP_PORT:-2525}"          # GreenMail SMTP (the services send here)
MINQING_IMAP_PORT="${MINQING_IMAP_PORT:-2143}"          # GreenMail IMAP (read the delivered mail)
MINQING_MAIL_API_PORT="${MINQING_MAIL_API_PORT:-2580}"  # GreenMail REST API (messages, purge, readiness)
MINQING_SMS_PORT="${MINQING_SMS_PORT:-2526}"            # WireMock SMS gateway sink

# Timeouts in seconds.
MINQING_PG_TIMEOUT="${MINQING_PG_TIMEOUT:-60}"
MINQING_KAFKA_TIMEOUT="${MINQING_KAFKA_TIMEOUT:-90}"
MINQING_KEYCLOAK_TIMEOUT="${MINQING_KEYCLOAK_TIMEOUT:-240}"
MINQING_SERVICE_TIMEOUT="${MINQING_SERVICE_TIMEOUT:-180}"
MINQING_STOP_TIMEOUT="${MINQING_STOP_TIMEOUT:-30}"
MINQING_SINK_TIMEOUT="${MINQING_SINK_TIMEOUT:-60}"

MINQING_KAFKA_HEAP="${MINQING_KAFKA_HEAP:--Xms128m -Xmx512m}"
# Measured on a 2-core machine with the whole platform on it (infra/bench/README.md): C1 only
# (TieredStopAtLevel=1) gave more cases per second than C2, whose compilations kept a core busy for
# minutes; with a bounded heap, code cache and metaspace each service stays under 300 MB resident.
MINQING_SERVICE_JAVA_OPTS="${MINQING_SERVICE_JAVA_OPTS:--Xms64m -Xmx160m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -XX:ReservedCodeCacheSize=64m -XX:MaxMetaspaceSize=160m -Xss512k}"
MINQING_SINK_JAVA_OPTS="${MINQING_SINK_JAVA_OPTS:--Xms16m -Xmx128m}"   # GreenMail and WireMock each

KEYCLOAK_VERSION="26.5.6"
KAFKA_VERSION="4.1.1"
KEYCLOAK_ARTIFACT="org.keycloak:keycloak-quarkus-dist:${KEYCLOAK_VERSION}:zip"
KEYCLOAK_ZIP="$MINQING_DOWNLOADS/keycloak-quarkus-dist-${KEYCLOAK_VERSION}.zip"
KEYCLOAK_HOME="$MINQING_STATE/keycloak/keycloak-${KEYCLOAK_VERSION}"
KAFKA_HOME="$MINQING_DOWNLOADS/kafka-${KAFKA_VERSION}"      # lib/ + log4j2.properties
KAFKA_DIR="$MINQING_STATE/kafka"                              # server.properties + data/
PG_DATA="$MINQING_STATE/pg/data"
MINQING_REALM_JSON="${MINQING_REALM_JSON:-$MINQING_ROOT/infra/keycloak/minqing-realm.json}"
MINQING_TOPICS_TSV="${MINQING_TOPICS_TSV:-$MINQING_ROOT/event-contracts/src/main/resources/topics.tsv}"
GREENMAIL_VERSION="2.1.3"
GREENMAIL_ARTIFACT="com.icegreen:greenmail-standalone:${GREENMAIL_VERSION}"
GREENMAIL_JAR="$MINQING_DOWNLOADS/greenmail-standalone-${GREENMAIL_VERSION}.jar"
WIREMOCK_VERSION="3.13.2"
WIREMOCK_ARTIFACT="org.wiremock:wiremock-standalone:${WIREMOCK_VERSION}"
WIREMOCK_JAR="$MINQING_DOWNLOADS/wiremock-standalone-${WIREMOCK_VERSION}.jar"
# The SMS sink's stubs (mappings/*.json), copied to $SMS_DIR at every start (WireMock writes there).
MINQING_SMS_MAPPINGS="${MINQING_SMS_MAPPINGS:-$MINQING_ROOT/infra/local/sms-gateway/mappings}"
SMS_DIR="$MINQING_STATE/sms-gateway"

# Demo-only credentials (documented in infra/local/README.md; never use outside a laptop).
PG_SUPERUSER="postgres"
PG_SUPERUSER_PASSWORD="postgres"
KEYCLOAK_ADMIN_USER="admin"
KEYCLOAK_ADMIN_PASSWORD="admin"
# The SMS sink only answers 200 to these Basic credentials (see sms-gateway/mappings/send.json).
SMS_GATEWAY_USERNAME="minqing"
SMS_GATEWAY_PASSWORD="sms-secret"
# Kafka's super user (inter-broker, controller, topics and ACLs); each service has its own SCRAM
# user <name>-service with the password MINQING_KAFKA_PASSWORD of infra/local/demo-secrets/<name>.env.
KAFKA_ADMIN_USER="admin"
KAFKA_ADMIN_PASSWORD="kafka-admin-secret"
MINQING_DATABASES=(intake representative referral notification keycloak)
# shellcheck disable=SC2034  # used by infra/local/platform and harnesses
MINQING_SERVICES=(intake representative referral notification)

# ---------------------------------------------------------------------------------------------
# Output
# ---------------------------------------------------------------------------------------------
# Colours only on a terminal (NO_COLOR turns them off).
_c() { if [[ -t "$1" && -z "${NO_COLOR:-}" ]]; then printf '\033[%sm' "$2"; fi; }
info() { printf '%s==>%s %s\n' "$(_c 1 '1;34')" "$(_c 1 0)" "$*"; }
ok()   { printf '%s ok%s %s\n' "$(_c 1 '1;32')" "$(_c 1 0)" "$*"; }
note() { printf '%s  !%s %s\n' "$(_c 1 '1;33')" "$(_c 1 0)" "$*"; }
err()  { printf '%sERROR%s %s\n' "$(_c 2 '1;31')" "$(_c 2 0)" "$*" >&2; }
die()  { err "$*"; exit 1; }

ensure_state_dirs() {
  mkdir -p "$MINQING_STATE" "$MINQING_DOWNLOADS" "$MINQING_LOGS" "$MINQING_PIDS" \
           "$MINQING_STATE/pg" "$KAFKA_DIR" "$MINQING_STATE/keycloak"
}

# Keep the previous run's log as <name>.log.1 so readiness checks only see this run's lines.
rotate_log() {
  local f="$1"
  if [[ -s "$f" ]]; then mv -f "$f" "$f.1"; fi
  : > "$f"
}

# ---------------------------------------------------------------------------------------------
# Prerequisites
# ---------------------------------------------------------------------------------------------
check_java() {
  if ! command -v java >/dev/null 2>&1; then
    err "java not found on PATH. Install a JDK 17 or newer (Debian: apt-get install openjdk-17-jdk-headless)."
    return 1
  fi
  local line major
  line="$(java -version 2>&1 | grep -m1 -Eo 'version "[^"]+"' || true)"
  major="$(sed -E 's/version "(1\.)?([0-9]+).*/\2/' <<<"$line")"
  if [[ ! "$major" =~ ^[0-9]+$ ]] || (( major < 17 )); then
    err "JDK 17 or newer required, found: ${line:-unknown} ($(command -v java))."
    return 1
  fi
}

check_tools() {
  local t missing=()
  for t in curl unzip; do command -v "$t" >/dev/null 2>&1 || missing+=("$t"); done
  if (( ${#missing[@]} )); then
    err "missing tools: ${missing[*]} (Debian: apt-get install ${missing[*]})"
    return 1
  fi
}

# Sets PG_BIN to the newest /usr/lib/postgresql/<v>/bin (or $MINQING_PG_BIN).
check_pg_binaries() {
  if [[ -n "${MINQING_PG_BIN:-}" ]]; then
    PG_BIN="$MINQING_PG_BIN"
  else
    PG_BIN="$(printf '%s\n' /usr/lib/postgresql/*/bin | grep -v '\*' | sort -V | tail -n1 || true)"
  fi
  if [[ -z "${PG_BIN:-}" || ! -x "$PG_BIN/initdb" || ! -x "$PG_BIN/pg_ctl" ]]; then
    err "PostgreSQL server binaries not found (looked for /usr/lib/postgresql/*/bin/initdb)." \
        "Install them with: apt-get install postgresql   (or set MINQING_PG_BIN to the bin directory)"
    return 1
  fi
  if [[ "$(id -u)" == 0 ]] && ! id postgres >/dev/null 2>&1; then
    err "running as root, but there is no 'postgres' OS user to run PostgreSQL as (PostgreSQL refuses root)."
    return 1
  fi
}

# ---------------------------------------------------------------------------------------------
# Ports, processes, readiness
# ---------------------------------------------------------------------------------------------
port_in_use() {
  local port="$1"
  if command -v ss >/dev/null 2>&1; then
    [[ -n "$(ss -Htln "sport = :$port" 2>/dev/null)" ]]
  else
    (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null
  fi
}

# tcp_open <port>: something accepts TCP connections on 127.0.0.1:<port>.
tcp_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# require_port_free <port> <ENV_VAR_NAME> <what>
require_port_free() {
  local port="$1" var="$2" what="$3"
  if port_in_use "$port"; then
    err "port $port ($what) is already in use. Stop whatever listens there (ss -ltnp 'sport = :$port')" \
        "or choose another port: $var=<port> $(basename "${0:-platform}") up"
    return 1
  fi
}

pid_file() { echo "$MINQING_PIDS/$1.pid"; }

# Start time of a process in clock ticks since boot (empty where /proc is unavailable); stored next
# to the PID so that a PID reused by an unrelated process after a reboot is never signalled.
proc_start_time() {
  [[ -r "/proc/$1/stat" ]] || return 0
  sed -E 's/^.*\) //' "/proc/$1/stat" 2>/dev/null | cut -d' ' -f20
}

# record_pid <part> <pid>
record_pid() { echo "$2 $(proc_start_time "$2")" >"$(pid_file "$1")"; }

# Prints the recorded PID of a part if that very process is still alive.
part_pid() {
  local f pid started now
  f="$(pid_file "$1")"
  [[ -f "$f" ]] || return 1
  read -r pid started <"$f" 2>/dev/null || true
  [[ "${pid:-}" =~ ^[0-9]+$ ]] && kill -0 "$pid" 2>/dev/null || return 1
  if [[ -n "${started:-}" ]]; then
    now="$(proc_start_time "$pid")"
    [[ -z "$now" || "$now" == "$started" ]] || return 1
  fi
  echo "$pid"
}

part_running() { part_pid "$1" >/dev/null; }

# stop_pid <part>: TERM the recorded PID, wait, then KILL. Only ever touches the recorded PID.
stop_pid() {
  local part="$1" pid i
  if ! pid="$(part_pid "$part")"; then
    rm -f "$(pid_file "$part")"
    return 0
  fi
  kill -TERM "$pid" 2>/dev/null || true
  for ((i = 0; i < MINQING_STOP_TIMEOUT * 2; i++)); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.5
  done
  if kill -0 "$pid" 2>/dev/null; then
    note "$part (pid $pid) did not stop within ${MINQING_STOP_TIMEOUT}s; sending KILL"
    # launch() made the process a session and group leader, so its group holds only what it
    # started itself (e.g. kc.sh's java child, which would otherwise survive a KILL of kc.sh).
    if [[ "$(ps -o pgid= -p "$pid" 2>/dev/null | tr -d ' ')" == "$pid" ]]; then
      kill -KILL -- "-$pid" 2>/dev/null || true
    else
      kill -KILL "$pid" 2>/dev/null || true
    fi
    sleep 0.5
  fi
  rm -f "$(pid_file "$part")"
  ok "stopped $part (pid $pid)"
}

# Starts "$@" in the background, detached from the terminal, output to a log; records the PID.
# launch <part> <logfile> cmd args...
launch() {
  local part="$1" log="$2"
  shift 2
  rotate_log "$log"
  # setsid: own session, so a Ctrl-C in the terminal that ran 'up' does not reach it. In a
  # non-interactive shell the background child is no process-group leader, so setsid execs in
  # place and $! is the PID of the program itself.
  setsid "$@" >>"$log" 2>&1 </dev/null &
  record_pid "$part" $!
}

# wait_until <name> <timeout-s> <logfile> <part> <interval-s> <what> -- <check command...>:
# polls the check until it succeeds; fails early if the recorded process of <part> (may be empty)
# dies, and shows the log's tail on failure. <what> says what was awaited, for the messages.
wait_until() {
  local name="$1" timeout="$2" log="$3" part="$4" interval="$5" what="$6" start=$SECONDS
  shift 7
  while (( SECONDS - start < timeout )); do
    if "$@"; then
      ok "$name ready (${what:+$what, }$((SECONDS - start))s)"
      return 0
    fi
    if [[ -n "$part" ]] && ! part_running "$part"; then
      err "$name exited while starting; see $log"
      tail -n 20 "$log" >&2 || true
      return 1
    fi
    sleep "$interval"
  done
  err "$name not ready after ${timeout}s${what:+ ($what)}; see $log"
  tail -n 20 "$log" >&2 || true
  return 1
}

http_ok() { curl -fsS -o /dev/null --max-time 5 "$1" 2>/dev/null; }
log_has() { grep -qF -- "$2" "$1" 2>/dev/null; }

# wait_http <name> <url> <timeout-s> <logfile> [part]: waits for HTTP 2xx.
wait_http() {
  wait_until "$1" "$3" "$4" "${5:-}" 2 "$2" -- http_ok "$2"
}

# wait_log <name> <logfile> <fixed-string> <timeout-s> [part]: waits for the line in the log.
wait_log() {
  wait_until "$1" "$4" "$2" "${5:-}" 1 "log line \"$3\"" -- log_has "$2" "$3"
}

# wait_tcp <name> <port> <timeout-s> <logfile> [part]: waits until 127.0.0.1:<port> accepts connections.
wait_tcp() {
  wait_until "$1" "$3" "$4" "${5:-}" 1 "127.0.0.1:$2" -- tcp_open "$2"
}

# ---------------------------------------------------------------------------------------------
# Downloads (Maven Central through ./mvnw, serialised with the shared Maven lock)
# ---------------------------------------------------------------------------------------------
mvn_locked() {
  if command -v flock >/dev/null 2>&1; then
    flock "$MINQING_MVN_LOCK" "$MINQING_ROOT/mvnw" -B "$@"
  else
    "$MINQING_ROOT/mvnw" -B "$@"
  fi
}

# Copies the Kafka broker classpath (built by infra/kafka-dist) to $KAFKA_HOME, so a
# `./mvnw clean` while the broker runs cannot pull its jars away.
ensure_kafka_jars() {
  if [[ -f "$KAFKA_HOME/.complete" ]]; then return 0; fi
  local src="$MINQING_ROOT/infra/kafka-dist/target/lib" jars
  jars=("$src"/*.jar)
  if (( ${#jars[@]} < 90 )) || [[ ! -f "$src/kafka_2.13-${KAFKA_VERSION}.jar" ]]; then
    info "fetching the Kafka ${KAFKA_VERSION} broker jars (infra/kafka-dist) from Maven Central"
    if ! (cd "$MINQING_ROOT" && mvn_locked -q -U -f infra/kafka-dist/pom.xml package) \
        >"$MINQING_LOGS/kafka-download.log" 2>&1; then
      err "could not fetch the Kafka broker jars (org.apache.kafka:kafka_2.13:${KAFKA_VERSION} and its" \
          "dependencies) with: ./mvnw -B -q -f infra/kafka-dist/pom.xml package. Check that Maven Central" \
          "is reachable (proxy settings in ~/.m2/settings.xml), then run up again. Output: $MINQING_LOGS/kafka-download.log"
      tail -n 15 "$MINQING_LOGS/kafka-download.log" >&2 || true
      return 1
    fi
  fi
  rm -rf "$KAFKA_HOME"
  mkdir -p "$KAFKA_HOME/lib"
  cp "$src"/*.jar "$KAFKA_HOME/lib/"
  cp "$MINQING_ROOT/infra/kafka-dist/log4j2.properties" "$KAFKA_HOME/log4j2.properties"
  # The command-line tools (TopicCommand, StorageTool) only need warnings, on stderr.
  cat >"$KAFKA_HOME/tools-log4j2.properties" <<'EOF'
status = warn
appender.err.type = Console
appender.err.name = STDERR
appender.err.target = SYSTEM_ERR
appender.err.layout.type = PatternLayout
appender.err.layout.pattern = [%d] %p %m (%c)%n
rootLogger.level = warn
rootLogger.appenderRef.err.ref = STDERR
EOF
  touch "$KAFKA_HOME/.complete"
  jars=("$KAFKA_HOME"/lib/*.jar)
  ok "Kafka jars in $KAFKA_HOME/lib (${#jars[@]} jars)"
}

# fetch_artifact <groupId:artifactId:version[:type]> <target file> <log name> [size note]: copies an
# artifact from Maven Central into its folder once (a complete file already there is kept).
fetch_artifact() {
  local artifact="$1" file="$2" log="$MINQING_LOGS/$3-download.log" size="${4:+ ($4)}"
  if [[ -s "$file" ]] && unzip -tq "$file" >/dev/null 2>&1; then return 0; fi
  info "fetching $artifact from Maven Central$size"
  rm -f "$file"
  mkdir -p "$(dirname "$file")"
  # Run outside the reactor (no pom in the downloads folder), so a half-edited root pom cannot break it.
  if ! (cd "$(dirname "$file")" && mvn_locked -q -U \
        org.apache.maven.plugins:maven-dependency-plugin:3.8.1:copy \
        -Dartifact="$artifact" -DoutputDirectory="$(dirname "$file")") \
      >"$log" 2>&1 || [[ ! -s "$file" ]]; then
    err "could not download $artifact from Maven Central. Check that Maven Central is reachable" \
        "(proxy settings in ~/.m2/settings.xml) and run up again, or put the file at $file yourself." \
        "Output: $log"
    tail -n 15 "$log" >&2 || true
    return 1
  fi
  ok "downloaded $(basename "$file")"
}

ensure_keycloak_zip() { fetch_artifact "$KEYCLOAK_ARTIFACT" "$KEYCLOAK_ZIP" keycloak "164 MB"; }
ensure_greenmail_jar() { fetch_artifact "$GREENMAIL_ARTIFACT" "$GREENMAIL_JAR" greenmail; }
ensure_wiremock_jar() { fetch_artifact "$WIREMOCK_ARTIFACT" "$WIREMOCK_JAR" wiremock; }

# ---------------------------------------------------------------------------------------------
# Mail server (GreenMail standalone): SMTP for the services, IMAP and a REST API to read the mail.
# Mail is kept in memory only: `down` discards it.
# ---------------------------------------------------------------------------------------------
mail_api_url() { echo "http://127.0.0.1:$MINQING_MAIL_API_PORT"; }

mail_ok() {
  tcp_open "$MINQING_SMTP_PORT" && tcp_open "$MINQING_IMAP_PORT" \
    && curl -fsS -o /dev/null --max-time 5 "$(mail_api_url)/api/service/readiness"
}

start_mail() {
  local log="$MINQING_LOGS/mail.log" pid
  if pid="$(part_pid mail)"; then
    ok "mail server already running (pid $pid)"
    return 0
  fi
  require_port_free "$MINQING_SMTP_PORT" MINQING_SMTP_PORT "SMTP (GreenMail)" || return 1
  require_port_free "$MINQING_IMAP_PORT" MINQING_IMAP_PORT "IMAP (GreenMail)" || return 1
  require_port_free "$MINQING_MAIL_API_PORT" MINQING_MAIL_API_PORT "GreenMail REST API" || return 1
  ensure_greenmail_jar || return 1
  info "starting the mail server (GreenMail $GREENMAIL_VERSION): SMTP 127.0.0.1:$MINQING_SMTP_PORT," \
       "IMAP 127.0.0.1:$MINQING_IMAP_PORT, API $(mail_api_url)"
  # greenmail.auth.disabled: any login/password is accepted; a recipient's mailbox is created on
  # first delivery, its login is the full address.
  # shellcheck disable=SC2086
  launch mail "$log" java $MINQING_SINK_JAVA_OPTS \
    -Dgreenmail.smtp.hostname=127.0.0.1 -Dgreenmail.smtp.port="$MINQING_SMTP_PORT" \
    -Dgreenmail.imap.hostname=127.0.0.1 -Dgreenmail.imap.port="$MINQING_IMAP_PORT" \
    -Dgreenmail.api.hostname=127.0.0.1 -Dgreenmail.api.port="$MINQING_MAIL_API_PORT" \
    -Dgreenmail.auth.disabled \
    -jar "$GREENMAIL_JAR"
  if ! wait_http "mail server" "$(mail_api_url)/api/service/readiness" "$MINQING_SINK_TIMEOUT" "$log" mail \
      || ! wait_tcp "SMTP" "$MINQING_SMTP_PORT" 10 "$log" mail \
      || ! wait_tcp "IMAP" "$MINQING_IMAP_PORT" 10 "$log" mail; then
    stop_pid mail
    return 1
  fi
}

stop_mail() { stop_pid mail; }

# ---------------------------------------------------------------------------------------------
# SMS gateway sink (WireMock standalone): answers the notification service's HTTP/JSON adapter
# and keeps every request in its journal (GET /__admin/requests). In memory only.
# ---------------------------------------------------------------------------------------------
sms_url() { echo "http://127.0.0.1:$MINQING_SMS_PORT/sms/send"; }

sms_ok() { curl -fsS -o /dev/null --max-time 5 "http://127.0.0.1:$MINQING_SMS_PORT/__admin/health"; }

start_sms() {
  local log="$MINQING_LOGS/sms.log" pid
  if pid="$(part_pid sms)"; then
    ok "SMS gateway sink already running (pid $pid)"
    return 0
  fi
  require_port_free "$MINQING_SMS_PORT" MINQING_SMS_PORT "SMS gateway (WireMock)" || return 1
  local stubs=("$MINQING_SMS_MAPPINGS"/*.json)
  if [[ ! -f "${stubs[0]}" ]]; then
    err "no WireMock stubs (*.json) in $MINQING_SMS_MAPPINGS (MINQING_SMS_MAPPINGS)"
    return 1
  fi
  ensure_wiremock_jar || return 1
  # A fresh copy each start: WireMock's root dir is writable state, the repository is not.
  rm -rf "$SMS_DIR"
  mkdir -p "$SMS_DIR/mappings" "$SMS_DIR/__files"
  cp "${stubs[@]}" "$SMS_DIR/mappings/"
  info "starting the SMS gateway sink (WireMock $WIREMOCK_VERSION) on $(sms_url)"
  # shellcheck disable=SC2086
  launch sms "$log" java $MINQING_SINK_JAVA_OPTS -jar "$WIREMOCK_JAR" \
    --bind-address 127.0.0.1 --port "$MINQING_SMS_PORT" --root-dir "$SMS_DIR" \
    --disable-banner --max-request-journal-entries 10000
  if ! wait_http "SMS gateway sink" "http://127.0.0.1:$MINQING_SMS_PORT/__admin/health" \
        "$MINQING_SINK_TIMEOUT" "$log" sms; then
    stop_pid sms
    return 1
  fi
}

stop_sms() { stop_pid sms; }

# ---------------------------------------------------------------------------------------------
# PostgreSQL
# ---------------------------------------------------------------------------------------------
# PostgreSQL refuses to run as root: run its tools as 'postgres' when we are root.
as_pg_user() {
  if [[ "$(id -u)" == 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi
}

pg_running() { as_pg_user "$PG_BIN/pg_ctl" -D "$PG_DATA" status >/dev/null 2>&1; }

pg_ready() { "$PG_BIN/pg_isready" -q -h 127.0.0.1 -p "$MINQING_PG_PORT" -t 3 >/dev/null 2>&1; }

# initdb on first use, then start on $MINQING_PG_PORT (TCP on 127.0.0.1 only, no Unix socket).
start_pg() {
  : "${PG_BIN:?call check_pg_binaries first}"
  local log="$MINQING_LOGS/postgres.log"
  if pg_running; then
    record_pid pg "$(head -n1 "$PG_DATA/postmaster.pid")"
    ok "PostgreSQL already running (pid $(part_pid pg || true))"
    return 0
  fi
  require_port_free "$MINQING_PG_PORT" MINQING_PG_PORT "PostgreSQL" || return 1
  mkdir -p "$PG_DATA"
  [[ "$(id -u)" == 0 ]] && chown postgres:postgres "$MINQING_STATE/pg" "$PG_DATA"
  chmod 700 "$PG_DATA"
  if [[ ! -f "$PG_DATA/PG_VERSION" ]]; then
    info "initialising PostgreSQL data in $PG_DATA (first run)"
    local pw
    pw="$(mktemp)"
    echo "$PG_SUPERUSER_PASSWORD" >"$pw"
    [[ "$(id -u)" == 0 ]] && chown postgres "$pw"
    if ! as_pg_user "$PG_BIN/initdb" -D "$PG_DATA" -U "$PG_SUPERUSER" --pwfile="$pw" \
          -A scram-sha-256 -E UTF8 --locale=C.UTF-8 >"$MINQING_LOGS/postgres-initdb.log" 2>&1; then
      rm -f "$pw"
      err "initdb failed; see $MINQING_LOGS/postgres-initdb.log"
      return 1
    fi
    rm -f "$pw"
  fi
  rotate_log "$log"
  [[ "$(id -u)" == 0 ]] && chown postgres "$log"
  info "starting PostgreSQL on 127.0.0.1:$MINQING_PG_PORT"
  if ! as_pg_user "$PG_BIN/pg_ctl" -D "$PG_DATA" -l "$log" -w -t "$MINQING_PG_TIMEOUT" \
        -o "-p $MINQING_PG_PORT -c listen_addresses=127.0.0.1 -c unix_socket_directories=''" \
        start >/dev/null; then
    err "PostgreSQL did not start; see $log"
    tail -n 20 "$log" >&2 || true
    return 1
  fi
  record_pid pg "$(head -n1 "$PG_DATA/postmaster.pid")"
  local start=$SECONDS
  until pg_ready; do
    if (( SECONDS - start > MINQING_PG_TIMEOUT )); then
      err "PostgreSQL not accepting connections (pg_isready) after ${MINQING_PG_TIMEOUT}s; see $log"
      return 1
    fi
    sleep 1
  done
  ok "PostgreSQL ready (pid $(part_pid pg || true), log $log)"
}

stop_pg() {
  : "${PG_BIN:?call check_pg_binaries first}"
  if [[ -f "$PG_DATA/PG_VERSION" ]] && pg_running; then
    if as_pg_user "$PG_BIN/pg_ctl" -D "$PG_DATA" -m fast -w -t "$MINQING_STOP_TIMEOUT" stop >/dev/null; then
      ok "stopped PostgreSQL"
    else
      note "pg_ctl stop failed; stopping the recorded postmaster PID"
      stop_pid pg
    fi
  fi
  rm -f "$(pid_file pg)"
}

# shellcheck disable=SC2120  # extra psql arguments are for callers outside this file
pg_psql() {
  PGPASSWORD="$PG_SUPERUSER_PASSWORD" "$PG_BIN/psql" -X -q -v ON_ERROR_STOP=1 \
    -h 127.0.0.1 -p "$MINQING_PG_PORT" -U "$PG_SUPERUSER" -d postgres "$@"
}

# pg_ensure_database <name>: login <name> with password <name> (demo only) owning database <name>.
pg_ensure_database() {
  local n="$1"
  [[ "$n" =~ ^[a-z_][a-z0-9_]*$ ]] || { err "bad database name: $n"; return 1; }
  # shellcheck disable=SC2119
  pg_psql <<SQL
SELECT format('CREATE ROLE %I LOGIN PASSWORD %L', '$n', '$n')
 WHERE NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '$n') \gexec
SELECT format('CREATE DATABASE %I OWNER %I ENCODING %L', '$n', '$n', 'UTF8')
 WHERE NOT EXISTS (SELECT 1 FROM pg_database WHERE datname = '$n') \gexec
SQL
}

pg_create_service_databases() {
  local n
  for n in "${MINQING_DATABASES[@]}"; do pg_ensure_database "$n" || return 1; done
  ok "databases and logins: ${MINQING_DATABASES[*]} (password = name)"
}

# ---------------------------------------------------------------------------------------------
# Kafka (KRaft, broker + controller in one JVM)
# ---------------------------------------------------------------------------------------------
kafka_java() {
  java -Dlog4j2.configurationFile="$KAFKA_HOME/tools-log4j2.properties" -cp "$KAFKA_HOME/lib/*" "$@"
}

# demo_secret <service> <VARIABLE>: a value from infra/local/demo-secrets/<service>.env.
demo_secret() {
  sed -n "s/^$2=//p" "$MINQING_ROOT/infra/local/demo-secrets/$1.env" | head -n1
}

# M3/L13: SASL/SCRAM-SHA-512 for clients and between brokers, SASL/PLAIN on the controller
# listener (SCRAM credentials live in the metadata log the controller must read first), and the
# StandardAuthorizer: nobody but the super user may do anything an ACL does not grant.
write_kafka_properties() {
  local scram_jaas plain_jaas
  scram_jaas="org.apache.kafka.common.security.scram.ScramLoginModule required username=\"$KAFKA_ADMIN_USER\" password=\"$KAFKA_ADMIN_PASSWORD\";"
  plain_jaas="org.apache.kafka.common.security.plain.PlainLoginModule required username=\"$KAFKA_ADMIN_USER\" password=\"$KAFKA_ADMIN_PASSWORD\" user_$KAFKA_ADMIN_USER=\"$KAFKA_ADMIN_PASSWORD\";"
  cat >"$KAFKA_DIR/server.properties" <<EOF
# Written by infra/local/lib.sh on every start; edit there, not here.
process.roles=broker,controller
node.id=1
controller.quorum.bootstrap.servers=127.0.0.1:$MINQING_KAFKA_CONTROLLER_PORT
listeners=SASL_PLAINTEXT://127.0.0.1:$MINQING_KAFKA_PORT,CONTROLLER://127.0.0.1:$MINQING_KAFKA_CONTROLLER_PORT
advertised.listeners=SASL_PLAINTEXT://127.0.0.1:$MINQING_KAFKA_PORT
controller.listener.names=CONTROLLER
inter.broker.listener.name=SASL_PLAINTEXT
listener.security.protocol.map=SASL_PLAINTEXT:SASL_PLAINTEXT,CONTROLLER:SASL_PLAINTEXT
sasl.mechanism.inter.broker.protocol=SCRAM-SHA-512
sasl.mechanism.controller.protocol=PLAIN
listener.name.sasl_plaintext.sasl.enabled.mechanisms=SCRAM-SHA-512
listener.name.sasl_plaintext.scram-sha-512.sasl.jaas.config=$scram_jaas
listener.name.controller.sasl.enabled.mechanisms=PLAIN
listener.name.controller.plain.sasl.jaas.config=$plain_jaas
authorizer.class.name=org.apache.kafka.metadata.authorizer.StandardAuthorizer
super.users=User:$KAFKA_ADMIN_USER
allow.everyone.if.no.acl.found=false
log.dirs=$KAFKA_DIR/data
num.partitions=3
offsets.topic.replication.factor=1
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
share.coordinator.state.topic.replication.factor=1
share.coordinator.state.topic.min.isr=1
min.insync.replicas=1
group.initial.rebalance.delay.ms=0
auto.create.topics.enable=false
EOF
  # The command-line tools sign in as the super user.
  cat >"$KAFKA_DIR/admin.properties" <<EOF
security.protocol=SASL_PLAINTEXT
sasl.mechanism=SCRAM-SHA-512
sasl.jaas.config=$scram_jaas
EOF
  chmod 600 "$KAFKA_DIR/server.properties" "$KAFKA_DIR/admin.properties"
}

start_kafka() {
  local log="$MINQING_LOGS/kafka.log" pid
  if pid="$(part_pid kafka)"; then
    ok "Kafka already running (pid $pid)"
    return 0
  fi
  require_port_free "$MINQING_KAFKA_PORT" MINQING_KAFKA_PORT "Kafka" || return 1
  require_port_free "$MINQING_KAFKA_CONTROLLER_PORT" MINQING_KAFKA_CONTROLLER_PORT "Kafka controller" || return 1
  ensure_kafka_jars || return 1
  mkdir -p "$KAFKA_DIR"
  if [[ -f "$KAFKA_DIR/data/meta.properties" && -f "$KAFKA_DIR/controller.port" \
        && "$(cat "$KAFKA_DIR/controller.port")" != "$MINQING_KAFKA_CONTROLLER_PORT" ]]; then
    err "the Kafka log was formatted with controller port $(cat "$KAFKA_DIR/controller.port");" \
        "KRaft keeps that in its metadata. Use MINQING_KAFKA_CONTROLLER_PORT=$(cat "$KAFKA_DIR/controller.port")," \
        "or run 'platform reset' to start with empty data."
    return 1
  fi
  if [[ -f "$KAFKA_DIR/data/meta.properties" && ! -f "$KAFKA_DIR/sasl" ]]; then
    err "the Kafka log in $KAFKA_DIR was formatted before Kafka required SASL/SCRAM (no users in it);" \
        "run 'platform reset' to start with empty data."
    return 1
  fi
  write_kafka_properties
  if [[ ! -f "$KAFKA_DIR/data/meta.properties" ]]; then
    info "formatting the Kafka KRaft log in $KAFKA_DIR/data (first run)"
    local cluster_id
    cluster_id="$(kafka_java kafka.tools.StorageTool random-uuid 2>>"$MINQING_LOGS/kafka-format.log")" || {
      err "kafka StorageTool random-uuid failed; see $MINQING_LOGS/kafka-format.log"; return 1; }
    # The SCRAM users are written into the metadata log at format time: the super user and one per service.
    local scram=(--add-scram "SCRAM-SHA-512=[name=$KAFKA_ADMIN_USER,password=$KAFKA_ADMIN_PASSWORD]") svc pw
    for svc in "${MINQING_SERVICES[@]}"; do
      pw="$(demo_secret "$svc" MINQING_KAFKA_PASSWORD)"
      [[ -n "$pw" ]] || { err "no MINQING_KAFKA_PASSWORD in infra/local/demo-secrets/$svc.env"; return 1; }
      scram+=(--add-scram "SCRAM-SHA-512=[name=$svc-service,password=$pw]")
    done
    if ! kafka_java kafka.tools.StorageTool format -t "$cluster_id" -c "$KAFKA_DIR/server.properties" \
          --standalone "${scram[@]}" >>"$MINQING_LOGS/kafka-format.log" 2>&1; then
      err "formatting the Kafka log failed; see $MINQING_LOGS/kafka-format.log"
      return 1
    fi
    echo "$MINQING_KAFKA_CONTROLLER_PORT" >"$KAFKA_DIR/controller.port"
    echo "SCRAM-SHA-512" >"$KAFKA_DIR/sasl"
  fi
  info "starting Kafka on 127.0.0.1:$MINQING_KAFKA_PORT (controller $MINQING_KAFKA_CONTROLLER_PORT)"
  # shellcheck disable=SC2086
  launch kafka "$log" java $MINQING_KAFKA_HEAP -Dlog4j2.configurationFile="$KAFKA_HOME/log4j2.properties" \
    -cp "$KAFKA_HOME/lib/*" kafka.Kafka "$KAFKA_DIR/server.properties"
  if ! wait_log "Kafka" "$log" "Kafka Server started" "$MINQING_KAFKA_TIMEOUT" kafka; then
    stop_pid kafka
    return 1
  fi
}

stop_kafka() { stop_pid kafka; }

# create_topics [tsv]: one topic per line: name<TAB>partitions<TAB>retention.ms<TAB>cleanup.policy.
# Blank lines, '#' comments and a header line (non-numeric partitions) are skipped. An existing
# topic keeps its partitions; a directory (cleanup.policy compact) gets its retention and policy set
# again (ADR 0022: a state folder from before the directories were compacted gets them compacted).
create_topics() {
  local tsv="${1:-$MINQING_TOPICS_TSV}" bs="127.0.0.1:$MINQING_KAFKA_PORT"
  if [[ ! -f "$tsv" ]]; then
    note "no topic list at $tsv; no topics created"
    return 0
  fi
  local existing name parts retention policy rest created=0 skipped=0
  existing="$(kafka_java org.apache.kafka.tools.TopicCommand --bootstrap-server "$bs" --command-config "$KAFKA_DIR/admin.properties" \
    --list 2>>"$MINQING_LOGS/kafka-topics.log")" || {
    err "could not list Kafka topics; see $MINQING_LOGS/kafka-topics.log"; return 1; }
  while IFS=$'\t' read -r name parts retention policy rest || [[ -n "$name" ]]; do
    name="${name%$'\r'}"; parts="${parts%$'\r'}"; retention="${retention%$'\r'}"; policy="${policy%$'\r'}"
    [[ -z "${name// /}" || "$name" == \#* ]] && continue
    [[ "$parts" =~ ^[0-9]+$ ]] || continue
    if [[ ! "$retention" =~ ^-?[0-9]+$ || ! "$policy" =~ ^(delete|compact)$ ]]; then
      err "$(basename "$tsv"): $name: expected partitions, retention.ms and cleanup.policy (delete|compact)"
      return 1
    fi
    if grep -qxF -- "$name" <<<"$existing"; then
      # Only a directory needs it (every topic was created with delete): one JVM each, not twenty.
      if [[ "$policy" == compact ]] && ! kafka_java kafka.admin.ConfigCommand --bootstrap-server "$bs" --command-config "$KAFKA_DIR/admin.properties" \
          --alter --entity-type topics --entity-name "$name" \
          --add-config "retention.ms=$retention,cleanup.policy=$policy" >>"$MINQING_LOGS/kafka-topics.log" 2>&1; then
        err "setting retention and cleanup policy of topic $name failed; see $MINQING_LOGS/kafka-topics.log"
        return 1
      fi
      skipped=$((skipped + 1))
      continue
    fi
    local args=(--bootstrap-server "$bs" --command-config "$KAFKA_DIR/admin.properties" --create --if-not-exists --topic "$name"
                --partitions "$parts" --replication-factor 1 --config "retention.ms=$retention" --config "cleanup.policy=$policy")
    if ! kafka_java org.apache.kafka.tools.TopicCommand "${args[@]}" >>"$MINQING_LOGS/kafka-topics.log" 2>&1; then
      err "creating topic $name failed; see $MINQING_LOGS/kafka-topics.log"
      return 1
    fi
    created=$((created + 1))
  done <"$tsv"
  ok "topics from $(basename "$tsv"): $created created, $skipped already there"
}

# create_acls [tsv]: M3/L13, the ACLs derived from the topic list (ADR 0003's rule, the same as
# test-support's KafkaAcls and the k8s topics Job): minqing.<p>.<aggregate> is written by
# <p>-service; <topic>.dlt.<c> is written by <c>-service, which reads <topic> in its consumer
# groups (prefix <c>-service). Skipped when the topic list has not changed since the last run.
create_acls() {
  local tsv="${1:-$MINQING_TOPICS_TSV}" bs="127.0.0.1:$MINQING_KAFKA_PORT" stamp="$KAFKA_DIR/acls.sha256" sum
  [[ -f "$tsv" ]] || return 0
  sum="$(sha256sum "$tsv" | cut -d' ' -f1)"
  if [[ -f "$stamp" && "$(cat "$stamp")" == "$sum" ]]; then
    ok "Kafka ACLs already match $(basename "$tsv")"
    return 0
  fi
  local -A writes=() reads=()
  local name rest svc
  while IFS=$'\t' read -r name rest || [[ -n "$name" ]]; do
    name="${name%$'\r'}"
    [[ -z "${name// /}" || "$name" == \#* ]] && continue
    if [[ "$name" =~ ^(minqing\.[a-z0-9-]+\.[a-z0-9-]+)\.dlt\.([a-z0-9-]+)$ ]]; then
      writes[${BASH_REMATCH[2]}]+=" --topic $name"
      reads[${BASH_REMATCH[2]}]+=" --topic ${BASH_REMATCH[1]}"
    elif [[ "$name" =~ ^minqing\.([a-z0-9-]+)\.[a-z0-9-]+$ ]]; then
      writes[${BASH_REMATCH[1]}]+=" --topic $name"
    fi
  done <"$tsv"
  local acl=(org.apache.kafka.tools.AclCommand --bootstrap-server "$bs" --command-config "$KAFKA_DIR/admin.properties" --add)
  for svc in "${!writes[@]}"; do
    # shellcheck disable=SC2086  # the --topic lists are meant to split
    kafka_java "${acl[@]}" --allow-principal "User:$svc-service" --operation Write --operation Describe ${writes[$svc]} \
      >>"$MINQING_LOGS/kafka-acls.log" 2>&1 || { err "Kafka ACLs for $svc-service failed; see $MINQING_LOGS/kafka-acls.log"; return 1; }
  done
  for svc in "${!reads[@]}"; do
    # shellcheck disable=SC2086
    kafka_java "${acl[@]}" --allow-principal "User:$svc-service" --operation Read --operation Describe ${reads[$svc]} \
      >>"$MINQING_LOGS/kafka-acls.log" 2>&1 || { err "Kafka ACLs for $svc-service failed; see $MINQING_LOGS/kafka-acls.log"; return 1; }
    kafka_java "${acl[@]}" --allow-principal "User:$svc-service" --operation Read --group "$svc-service" \
      --resource-pattern-type prefixed >>"$MINQING_LOGS/kafka-acls.log" 2>&1 || {
      err "Kafka group ACL for $svc-service failed; see $MINQING_LOGS/kafka-acls.log"; return 1; }
  done
  echo "$sum" >"$stamp"
  ok "Kafka ACLs: each service writes its own topics and reads what it consumes"
}

# ---------------------------------------------------------------------------------------------
# Keycloak (production mode on PostgreSQL)
# ---------------------------------------------------------------------------------------------
ensure_keycloak_dist() {
  if [[ -x "$KEYCLOAK_HOME/bin/kc.sh" ]]; then return 0; fi
  ensure_keycloak_zip || return 1
  info "unpacking Keycloak $KEYCLOAK_VERSION into $MINQING_STATE/keycloak"
  mkdir -p "$MINQING_STATE/keycloak"
  unzip -q -o "$KEYCLOAK_ZIP" -d "$MINQING_STATE/keycloak" || { err "unzip of $KEYCLOAK_ZIP failed"; return 1; }
}

# Keycloak reads every KC_* environment variable as an option: start it without the caller's.
# Sets KEYCLOAK_ENV to an `env -u KC_... ` command prefix.
keycloak_env_prefix() {
  KEYCLOAK_ENV=(env)
  local v
  while IFS= read -r v; do KEYCLOAK_ENV+=(-u "$v"); done < <(compgen -e | grep '^KC_' || true)
}

# kc.sh build runs once (its options are baked into the unpacked distribution).
keycloak_build() {
  local stamp="$KEYCLOAK_HOME/.minqing-built" opts="--db=postgres --health-enabled=true"
  if [[ -f "$stamp" && "$(cat "$stamp")" == "$opts" ]]; then return 0; fi
  info "building Keycloak for PostgreSQL (kc.sh build $opts, once; about a minute)"
  keycloak_env_prefix
  # shellcheck disable=SC2086
  if ! "${KEYCLOAK_ENV[@]}" "$KEYCLOAK_HOME/bin/kc.sh" build $opts >"$MINQING_LOGS/keycloak-build.log" 2>&1; then
    err "kc.sh build failed; see $MINQING_LOGS/keycloak-build.log"
    tail -n 20 "$MINQING_LOGS/keycloak-build.log" >&2 || true
    return 1
  fi
  echo "$opts" >"$stamp"
}

keycloak_url() { echo "http://127.0.0.1:$MINQING_KEYCLOAK_PORT"; }

start_keycloak() {
  local log="$MINQING_LOGS/keycloak.log" pid
  if pid="$(part_pid keycloak)"; then
    ok "Keycloak already running (pid $pid)"
    return 0
  fi
  require_port_free "$MINQING_KEYCLOAK_PORT" MINQING_KEYCLOAK_PORT "Keycloak" || return 1
  require_port_free "$MINQING_KEYCLOAK_MANAGEMENT_PORT" MINQING_KEYCLOAK_MANAGEMENT_PORT "Keycloak management" || return 1
  ensure_keycloak_dist || return 1
  keycloak_build || return 1
  # The realm is imported at start; a realm that already exists is skipped, never overwritten.
  mkdir -p "$KEYCLOAK_HOME/data/import"
  cp "$MINQING_REALM_JSON" "$KEYCLOAK_HOME/data/import/minqing-realm.json"
  info "starting Keycloak on $(keycloak_url) (management port $MINQING_KEYCLOAK_MANAGEMENT_PORT)"
  keycloak_env_prefix
  launch keycloak "$log" "${KEYCLOAK_ENV[@]}" \
    KC_BOOTSTRAP_ADMIN_USERNAME="$KEYCLOAK_ADMIN_USER" KC_BOOTSTRAP_ADMIN_PASSWORD="$KEYCLOAK_ADMIN_PASSWORD" \
    "$KEYCLOAK_HOME/bin/kc.sh" start --optimized --cache=local \
    --db-url="jdbc:postgresql://127.0.0.1:$MINQING_PG_PORT/keycloak" --db-username=keycloak --db-password=keycloak \
    --hostname="$(keycloak_url)" --http-enabled=true --http-host=127.0.0.1 \
    --http-port="$MINQING_KEYCLOAK_PORT" --http-management-port="$MINQING_KEYCLOAK_MANAGEMENT_PORT" \
    --import-realm
  if ! wait_http "Keycloak" "http://127.0.0.1:$MINQING_KEYCLOAK_MANAGEMENT_PORT/health/ready" \
        "$MINQING_KEYCLOAK_TIMEOUT" "$log" keycloak; then
    stop_pid keycloak
    return 1
  fi
}

stop_keycloak() { stop_pid keycloak; }

# ---------------------------------------------------------------------------------------------
# The Minqing services
# ---------------------------------------------------------------------------------------------
service_port() {
  case "$1" in
    intake) echo "$MINQING_INTAKE_PORT" ;;
    representative) echo "$MINQING_REPRESENTATIVE_PORT" ;;
    referral) echo "$MINQING_REFERRAL_PORT" ;;
    notification) echo "$MINQING_NOTIFICATION_PORT" ;;
    *) return 1 ;;
  esac
}

service_port_var() { echo "MINQING_$(tr '[:lower:]' '[:upper:]' <<<"$1")_PORT"; }

service_jar() { echo "$MINQING_ROOT/$1-service/target/quarkus-app/quarkus-run.jar"; }

build_services() {
  info "building the services (./mvnw -B -q package -DskipTests; skip with --no-build)"
  if ! (cd "$MINQING_ROOT" && mvn_locked -q package -DskipTests) >"$MINQING_LOGS/build.log" 2>&1; then
    err "the Maven build failed; see $MINQING_LOGS/build.log (or start with --no-build to run the jars already built)"
    tail -n 25 "$MINQING_LOGS/build.log" >&2 || true
    return 1
  fi
  ok "build finished"
}

# start_service <name> [piece]: launches <name>-service (of the district's piece, or of sub-district
# piece <piece>) without waiting; returns 2 if its jar is missing.
start_service() {
  local svc="$1" piece="${2:-}" part="$1" db="$1" port jar log pid table
  port="$(service_port "$svc")" || { err "unknown service $svc"; return 1; }
  if [[ -n "$piece" ]]; then
    part="$(piece_part "$svc" "$piece")"
    port="$(piece_port "$piece" "$svc")"
    db="$(piece_database "$svc" "$piece")"
  fi
  log="$MINQING_LOGS/$part.log"
  jar="$(service_jar "$svc")"
  if pid="$(part_pid "$part")"; then
    ok "$part-service already running (pid $pid)"
    return 0
  fi
  if [[ ! -f "$jar" ]]; then
    note "$part-service skipped: ${jar#"$MINQING_ROOT"/} not built yet"
    return 2
  fi
  require_port_free "$port" "$([[ -n "$piece" ]] && echo MINQING_PIECE_PORT_BASE || service_port_var "$svc")" "$part-service" || return 1
  # The services have no production default for any secret (M4): the demo ones come from here.
  local secrets=() line
  [[ -f "$MINQING_ROOT/infra/local/demo-secrets/$svc.env" ]] || { err "missing infra/local/demo-secrets/$svc.env"; return 1; }
  while IFS= read -r line || [[ -n "$line" ]]; do
    [[ -z "$line" || "$line" == \#* ]] && continue
    secrets+=("$line")
  done <"$MINQING_ROOT/infra/local/demo-secrets/$svc.env"
  # Issue 14: with a sub-district piece running, every service reads the one ownership table and
  # names its own piece; without one there is no table and the district's piece owns everything.
  local pieces_env=()
  table="$(ownership_table)"
  if [[ -n "$table" ]]; then
    pieces_env+=(MINQING_OWNERSHIP_TABLE="$table")
    if [[ -n "$piece" ]]; then
      pieces_env+=(MINQING_PIECE_ID="$(piece_id "$piece")" MINQING_PIECE_SCOPE="$piece")
    else
      pieces_env+=(MINQING_PIECE_ID=district MINQING_PIECE_SCOPE="$MINQING_DISTRICT_PREFIX")
    fi
  fi
  if [[ -n "$piece" ]]; then
    # The one internal call (a resident's contact at send time) goes to the same piece's intake;
    # the residents' links point at the piece's console.
    pieces_env+=(MINQING_INTAKE_URL="http://127.0.0.1:$(piece_port "$piece" intake)"
                 MINQING_PUBLIC_BASE_URL="http://localhost:$(piece_port "$piece" console)")
  fi
  info "starting $part-service on 127.0.0.1:$port${piece:+ (piece $(piece_id "$piece"), database $db)}"
  # shellcheck disable=SC2086
  launch "$part" "$log" env \
    "${secrets[@]}" \
    "${pieces_env[@]+"${pieces_env[@]}"}" \
    QUARKUS_HTTP_HOST=127.0.0.1 \
    QUARKUS_HTTP_PORT="$port" \
    QUARKUS_DATASOURCE_JDBC_URL="jdbc:postgresql://127.0.0.1:$MINQING_PG_PORT/$db" \
    QUARKUS_DATASOURCE_USERNAME="$svc" \
    KAFKA_BOOTSTRAP_SERVERS="127.0.0.1:$MINQING_KAFKA_PORT" \
    QUARKUS_OIDC_AUTH_SERVER_URL="$(keycloak_url)/realms/minqing" \
    QUARKUS_OIDC_CLIENT_ID="$svc-service" \
    MINQING_PLATFORM=local \
    MINQING_SMTP_HOST=127.0.0.1 \
    MINQING_SMTP_PORT="$MINQING_SMTP_PORT" \
    MINQING_SMS_URL="$(sms_url)" \
    MINQING_SMS_USERNAME="$SMS_GATEWAY_USERNAME" \
    MINQING_SMS_PASSWORD="$SMS_GATEWAY_PASSWORD" \
    MALLOC_ARENA_MAX="${MALLOC_ARENA_MAX:-2}" \
    java $MINQING_SERVICE_JAVA_OPTS -jar "$jar"
  # What it was started with, so a later 'up' sees when the table has changed under it.
  echo "$table" >"$MINQING_PIDS/$part.table"
}

# ---------------------------------------------------------------------------------------------
# The demo district's reference data (ADR 0026): not in the services' jars or migrations, entered
# through their APIs as ops-admin from infra/demo-district/demo-district.requests, once per set of
# databases (the marker lives in the state folder beside PostgreSQL's data, so 'reset' forgets both).
MINQING_DEMO_DISTRICT="${MINQING_DEMO_DISTRICT:-$MINQING_ROOT/infra/demo-district/demo-district.requests}"

# user_token <username>: a demo user's access token from Keycloak (the scripts' client, password 'demo').
user_token() {
  local body
  body="$(curl -fsS --max-time 30 -d grant_type=password -d client_id=e2e-tests -d client_secret=e2e-tests-secret \
    -d username="$1" -d password=demo "$(keycloak_url)/realms/minqing/protocol/openid-connect/token")" \
    || { err "no token for $1 from $(keycloak_url)"; return 1; }
  sed -n 's/.*"access_token":"\([^"]*\)".*/\1/p' <<<"$body"
}

# load_demo_district [piece]: each request of the file to the district's services, or to those of
# sub-district piece <piece>. 409 jurisdiction-of-another-piece: another piece keeps that record and
# this one receives it by event; 409 community-exists: there already. Any other answer stops the load.
load_demo_district() {
  local piece="${1:-}" marker token out method svc path body port code
  local applied=0 elsewhere=0 present=0
  marker="$MINQING_STATE/demo-district.loaded${piece:+.$piece}"
  [[ -f "$marker" ]] && return 0
  [[ -f "$MINQING_DEMO_DISTRICT" ]] || { err "$MINQING_DEMO_DISTRICT missing"; return 1; }
  token="$(user_token ops)" && [[ -n "$token" ]] || return 1
  out="$(mktemp)"
  while read -r method svc path body; do
    [[ -z "$method" || "$method" == \#* ]] && continue
    if [[ -n "$piece" ]]; then port="$(piece_port "$piece" "$svc")"; else port="$(service_port "$svc")"; fi \
      || { err "demo district: no port for $svc"; rm -f "$out"; return 1; }
    code="$(curl -sS -o "$out" -w '%{http_code}' --max-time 30 -X "$method" -H "Authorization: Bearer $token" \
      -H 'Content-Type: application/json' -H 'Accept: application/json' --data-binary "$body" \
      "http://127.0.0.1:$port$path")" || code=000
    case "$code" in
      2??) applied=$((applied + 1)) ;;
      409) if grep -q 'jurisdiction-of-another-piece' "$out"; then elsewhere=$((elsewhere + 1))
           elif grep -q 'community-exists' "$out"; then present=$((present + 1))
           else code=failed; fi ;;
      *) code=failed ;;
    esac
    if [[ "$code" == failed ]]; then
      err "demo district: $method $svc $path answered $(head -c 600 "$out")"
      rm -f "$out"
      return 1
    fi
  done <"$MINQING_DEMO_DISTRICT"
  rm -f "$out"
  touch "$marker"
  ok "demo district entered through the APIs${piece:+ of piece $(piece_id "$piece")}: $applied applied, $elsewhere kept by another piece, $present there already"
}

# wait_service <name> [piece]
wait_service() {
  local svc="$1" piece="${2:-}" part="$1" port
  port="$(service_port "$svc")"
  if [[ -n "$piece" ]]; then
    part="$(piece_part "$svc" "$piece")"
    port="$(piece_port "$piece" "$svc")"
  fi
  wait_http "$part-service" "http://127.0.0.1:$port/q/health/ready" "$MINQING_SERVICE_TIMEOUT" \
    "$MINQING_LOGS/$part.log" "$part"
}

# stop_service <name> [piece]
stop_service() {
  local part="$1"
  [[ -n "${2:-}" ]] && part="$(piece_part "$1" "$2")"
  stop_pid "$part"
  rm -f "$MINQING_PIDS/$part.table"
}

# ---------------------------------------------------------------------------------------------
# The staff console: console/server/serve.mjs serves console/dist and forwards /api/<svc>/… to
# the services, so the browser talks to one origin (docs/adr: one origin for the browser).
# ---------------------------------------------------------------------------------------------
MINQING_CONSOLE_DIR="${MINQING_CONSOLE_DIR:-$MINQING_ROOT/console}"

console_url() { echo "http://127.0.0.1:$MINQING_CONSOLE_PORT"; }
console_ok() { http_ok "$(console_url)/config.json"; }

# Builds console/dist with the machine's npm (npm ci from the lock file, then vite) when it is missing.
ensure_console_built() {
  if [[ -f "$MINQING_CONSOLE_DIR/dist/index.html" ]]; then return 0; fi
  if [[ ! -f "$MINQING_CONSOLE_DIR/package.json" ]]; then
    note "console skipped: no $MINQING_CONSOLE_DIR/package.json"
    return 2
  fi
  command -v npm >/dev/null 2>&1 || { err "npm (Node.js 20) is needed to build the console"; return 1; }
  info "building the console (npm ci && npm run build in ${MINQING_CONSOLE_DIR#"$MINQING_ROOT"/}; log $MINQING_LOGS/console-build.log)"
  if ! (cd "$MINQING_CONSOLE_DIR" && npm ci --no-audit --no-fund && npm run build) \
        >"$MINQING_LOGS/console-build.log" 2>&1; then
    err "the console build failed; see $MINQING_LOGS/console-build.log"
    tail -n 25 "$MINQING_LOGS/console-build.log" >&2 || true
    return 1
  fi
  ok "console built"
}

# start_console [piece]: builds dist if missing, launches the server (the district's, or the one of
# sub-district piece <piece>, forwarding to that piece's services) and waits for it; returns 2 when
# there is no console to start.
start_console() {
  local piece="${1:-}" part=console port="$MINQING_CONSOLE_PORT" pid rc=0 svc
  local urls=(MINQING_INTAKE_URL="http://127.0.0.1:$MINQING_INTAKE_PORT"
              MINQING_REPRESENTATIVE_URL="http://127.0.0.1:$MINQING_REPRESENTATIVE_PORT"
              MINQING_REFERRAL_URL="http://127.0.0.1:$MINQING_REFERRAL_PORT"
              MINQING_NOTIFICATION_URL="http://127.0.0.1:$MINQING_NOTIFICATION_PORT")
  if [[ -n "$piece" ]]; then
    part="$(piece_part console "$piece")"
    port="$(piece_port "$piece" console)"
    urls=()
    for svc in "${MINQING_SERVICES[@]}"; do
      urls+=("MINQING_$(tr '[:lower:]' '[:upper:]' <<<"$svc")_URL=http://127.0.0.1:$(piece_port "$piece" "$svc")")
    done
  fi
  local log="$MINQING_LOGS/$part.log"
  if pid="$(part_pid "$part")"; then
    ok "$part already running (pid $pid)"
    return 0
  fi
  ensure_console_built || rc=$?
  (( rc == 0 )) || return "$rc"
  command -v node >/dev/null 2>&1 || { err "node (Node.js 20) is needed to serve the console"; return 1; }
  require_port_free "$port" MINQING_CONSOLE_PORT "$part" || return 1
  info "starting the $part on http://127.0.0.1:$port"
  launch "$part" "$log" env \
    MINQING_CONSOLE_HOST=127.0.0.1 \
    MINQING_CONSOLE_PORT="$port" \
    MINQING_CONSOLE_DIST="$MINQING_CONSOLE_DIR/dist" \
    MINQING_KEYCLOAK_URL="$(keycloak_url)" \
    "${urls[@]}" \
    node "$MINQING_CONSOLE_DIR/server/serve.mjs"
  if ! wait_http "$part" "http://127.0.0.1:$port/config.json" "$MINQING_SINK_TIMEOUT" "$log" "$part"; then
    stop_pid "$part"
    return 1
  fi
}

stop_console() { stop_pid console; }

# ---------------------------------------------------------------------------------------------
# Sub-district pieces (issue 14, ADR 0018): a sub-district running its own piece beside the
# district's, on the same PostgreSQL (its own databases), Kafka and Keycloak. The pieces started
# here are listed in $MINQING_PIECES_FILE; the ownership table follows from that list.
# ---------------------------------------------------------------------------------------------
MINQING_DISTRICT_PREFIX="${MINQING_DISTRICT_PREFIX:-310104}"   # the demo district: the root piece "district"
# The n-th piece's ports: console base+10(n-1), intake +1, representative +2, referral +3, notification +4.
MINQING_PIECE_PORT_BASE="${MINQING_PIECE_PORT_BASE:-8200}"
MINQING_PIECES_FILE="$MINQING_STATE/pieces"

# The pieces' division-code prefixes, in the order they joined.
pieces() { if [[ -f "$MINQING_PIECES_FILE" ]]; then grep -E '^[0-9]+$' "$MINQING_PIECES_FILE" || true; fi; }
piece_id() { echo "sd-$1"; }
piece_part() { echo "$1-$2"; }                 # piece_part intake 310104001 -> intake-310104001
piece_database() { echo "$1_sd_$2"; }          # piece_database intake 310104001 -> intake_sd_310104001

# The ownership table (MINQING_OWNERSHIP_TABLE) for the pieces listed; empty when there are none.
ownership_table() {
  local t="" p
  for p in $(pieces); do t+=",$p=$(piece_id "$p")"; done
  if [[ -n "$t" ]]; then echo "$MINQING_DISTRICT_PREFIX=district$t"; fi
}

# piece_port <prefix> <service|console>
piece_port() {
  local n base
  n="$(pieces | grep -nxF -- "$1" | cut -d: -f1)"
  [[ -n "$n" ]] || { err "$1 runs no piece here"; return 1; }
  base=$((MINQING_PIECE_PORT_BASE + 10 * (n - 1)))
  case "$2" in
    console) echo "$base" ;;
    intake) echo $((base + 1)) ;;
    representative) echo $((base + 2)) ;;
    referral) echo $((base + 3)) ;;
    notification) echo $((base + 4)) ;;
    *) return 1 ;;
  esac
}

# add_piece <prefix>: checks the code and lists it (once). A piece serves a division-code prefix
# longer than the district's and inside it, e.g. the sub-district 310104001.
add_piece() {
  local p="$1"
  [[ "$p" =~ ^[0-9]{1,12}$ ]] || { err "--piece $p: not a division code (digits, e.g. 310104001)"; return 1; }
  if [[ "$p" != "$MINQING_DISTRICT_PREFIX"* || ${#p} -le ${#MINQING_DISTRICT_PREFIX} ]]; then
    err "--piece $p: not inside the district $MINQING_DISTRICT_PREFIX (a sub-district such as ${MINQING_DISTRICT_PREFIX}001)"
    return 1
  fi
  if pieces | grep -qxF -- "$p"; then return 0; fi
  echo "$p" >>"$MINQING_PIECES_FILE"
  ok "piece $(piece_id "$p") serves $p (ownership table: $(ownership_table))"
}

# The piece's four databases, owned by the services' logins (the demo secrets are shared; a real
# piece has its own, infra/k8s/overlays/subdistrict-example).
pg_create_piece_databases() {
  local p="$1" svc db
  for svc in "${MINQING_SERVICES[@]}"; do
    db="$(piece_database "$svc" "$p")"
    pg_psql <<SQL || return 1
SELECT format('CREATE DATABASE %I OWNER %I ENCODING %L', '$db', '$svc', 'UTF8')
 WHERE NOT EXISTS (SELECT 1 FROM pg_database WHERE datname = '$db') \gexec
SQL
  done
}

# The work topics each service consumes, from which a joining piece starts at the end (runbook
# "Joining", step 5); the directory topics (representatives, units) are read from the beginning.
piece_work_topics() {
  case "$1" in
    intake) echo "minqing.representative.reception-day minqing.referral.referral" ;;
    notification) echo "minqing.representative.reception-day minqing.intake.case minqing.referral.referral" ;;
    referral) echo "minqing.intake.case" ;;
    representative) echo "minqing.intake.case minqing.referral.referral" ;;
  esac
}

# join_piece <prefix>: before the piece's first start, its consumer groups are placed at the end of
# the work topics, so it does not handle again what the district's piece already handled.
join_piece() {
  local p="$1" marker="$MINQING_STATE/pieces.joined/$1" svc topic group
  [[ -f "$marker" ]] && return 0
  mkdir -p "$MINQING_STATE/pieces.joined"
  for svc in "${MINQING_SERVICES[@]}"; do
    group="$svc-service-$(piece_id "$p")"
    for topic in $(piece_work_topics "$svc"); do
      kafka_java org.apache.kafka.tools.consumer.group.ConsumerGroupCommand \
        --bootstrap-server "127.0.0.1:$MINQING_KAFKA_PORT" --command-config "$KAFKA_DIR/admin.properties" \
        --group "$group" --topic "$topic" --reset-offsets --to-latest --execute >>"$MINQING_LOGS/kafka-groups.log" 2>&1 || {
        err "placing $group at the end of $topic failed; see $MINQING_LOGS/kafka-groups.log"; return 1; }
    done
  done
  touch "$marker"
  ok "piece $(piece_id "$p") joins at the end of the work topics (its groups $(piece_id "$p")-suffixed)"
}
