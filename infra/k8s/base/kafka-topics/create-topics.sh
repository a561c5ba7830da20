#!/bin/sh
# Creates the Kafka topics listed in topics.tsv with `kafka-topics.sh --create --if-not-exists`.
#
# topics.tsv: topic<TAB>partitions<TAB>retention.ms<TAB>cleanup.policy (delete|compact), one per
# line; blank lines and '#' comments are skipped, anything else malformed stops the script. A topic
# that already exists keeps its partition count (a change there is NOT applied: kafka-topics.sh
# --alter by hand), but its retention.ms and cleanup.policy are set to the list's on every run
# (kafka-configs.sh next to kafka-topics.sh, KAFKA_CONFIGS_CMD names it explicitly), so an upgrade
# that compacts the directory topics (ADR 0022) needs no hand step.
#
# Works with any image that ships the Kafka command-line tools: it looks for kafka-topics.sh (or
# Confluent's kafka-topics) on the PATH, in $KAFKA_HOME/bin and in the usual install folders;
# KAFKA_TOPICS_CMD names it explicitly. Needs only a POSIX sh.
#
# Environment:
#   KAFKA_BOOTSTRAP_SERVERS  required, host:port[,host:port...]
#   REPLICATION_FACTOR       default 3
#   MIN_INSYNC_REPLICAS      optional; set as min.insync.replicas on each new topic
#   TOPICS_FILE              default /etc/minqing/topics/topics.tsv
#   WAIT_SECONDS             how long to wait for the brokers, default 300
#   KAFKA_SECURITY_PROTOCOL  PLAINTEXT (default), SASL_PLAINTEXT or SASL_SSL
#   KAFKA_SASL_MECHANISM     default SCRAM-SHA-512
#   KAFKA_ADMIN_USERNAME / KAFKA_ADMIN_PASSWORD  the user the script signs in as (SASL_*)
#   CREATE_ACLS              true: also grant each service its ACLs (M3/L13), derived from the list
#                            by the topic rule: minqing.<p>.<aggregate> is written by <p>-service;
#                            <topic>.dlt.<c> is written by <c>-service, which reads <topic> in its
#                            consumer groups (prefix <c>-service). Uses kafka-acls.sh next to
#                            kafka-topics.sh (KAFKA_ACLS_CMD names it explicitly).
set -eu
set -f # no globbing: topic lines are split with `set --`

TOPICS_FILE=${TOPICS_FILE:-/etc/minqing/topics/topics.tsv}
REPLICATION_FACTOR=${REPLICATION_FACTOR:-3}
MIN_INSYNC_REPLICAS=${MIN_INSYNC_REPLICAS:-}
WAIT_SECONDS=${WAIT_SECONDS:-300}
: "${KAFKA_BOOTSTRAP_SERVERS:?KAFKA_BOOTSTRAP_SERVERS is required}"

fail() {
  echo "kafka-topics: $*" >&2
  exit 1
}

find_tool() {
  if [ -n "${KAFKA_TOPICS_CMD:-}" ]; then
    echo "$KAFKA_TOPICS_CMD"
    return 0
  fi
  for c in kafka-topics.sh kafka-topics; do
    if command -v "$c" >/dev/null 2>&1; then
      command -v "$c"
      return 0
    fi
  done
  for d in ${KAFKA_HOME:+"$KAFKA_HOME/bin"} /opt/kafka/bin /opt/bitnami/kafka/bin /usr/share/kafka/bin /kafka/bin; do
    if [ -x "$d/kafka-topics.sh" ]; then
      echo "$d/kafka-topics.sh"
      return 0
    fi
  done
  return 1
}

# Client settings for SASL (a file the tools read with --command-config).
CLIENT_CONFIG=/tmp/kafka-client.properties
SECURITY_PROTOCOL=${KAFKA_SECURITY_PROTOCOL:-PLAINTEXT}
: >"$CLIENT_CONFIG"
chmod 600 "$CLIENT_CONFIG"
echo "security.protocol=$SECURITY_PROTOCOL" >>"$CLIENT_CONFIG"
case "$SECURITY_PROTOCOL" in
  SASL_*)
    : "${KAFKA_ADMIN_USERNAME:?KAFKA_ADMIN_USERNAME is required with $SECURITY_PROTOCOL}"
    : "${KAFKA_ADMIN_PASSWORD:?KAFKA_ADMIN_PASSWORD is required with $SECURITY_PROTOCOL}"
    {
      echo "sasl.mechanism=${KAFKA_SASL_MECHANISM:-SCRAM-SHA-512}"
      echo "sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required username=\"$KAFKA_ADMIN_USERNAME\" password=\"$KAFKA_ADMIN_PASSWORD\";"
    } >>"$CLIENT_CONFIG"
    ;;
esac

TOOL=$(find_tool) || fail "no kafka-topics.sh in this image (PATH, \$KAFKA_HOME/bin, /opt/kafka/bin, ...); set KAFKA_TOPICS_CMD"
[ -r "$TOPICS_FILE" ] || fail "cannot read $TOPICS_FILE"
case "$REPLICATION_FACTOR" in '' | *[!0-9]*) fail "REPLICATION_FACTOR must be a number: '$REPLICATION_FACTOR'" ;; esac

echo "kafka-topics: using $TOOL, brokers $KAFKA_BOOTSTRAP_SERVERS, replication factor $REPLICATION_FACTOR"

# Read and check the whole list before creating anything.
tab=$(printf '\t')
cr=$(printf '\r')
wanted=""
specs=""
line_no=0
while IFS= read -r line || [ -n "$line" ]; do
  line_no=$((line_no + 1))
  line=${line%"$cr"}
  case "$line" in '' | '#'*) continue ;; esac
  # Split on tabs only.
  old_ifs=$IFS
  IFS=$tab
  # shellcheck disable=SC2086
  set -- $line
  IFS=$old_ifs
  [ "$#" -eq 4 ] || fail "$TOPICS_FILE line $line_no: expected topic<TAB>partitions<TAB>retention.ms<TAB>cleanup.policy, got: $line"
  case "$1" in '' | *[!A-Za-z0-9._-]*) fail "$TOPICS_FILE line $line_no: not a valid topic name: $1" ;; esac
  case "$2" in '' | *[!0-9]*) fail "$TOPICS_FILE line $line_no: partitions is not a number: $2" ;; esac
  case "$3" in '' | *[!0-9-]*) fail "$TOPICS_FILE line $line_no: retention.ms is not a number: $3" ;; esac
  case "$4" in delete | compact) ;; *) fail "$TOPICS_FILE line $line_no: cleanup.policy is not delete or compact: $4" ;; esac
  wanted="$wanted $1"
  specs="$specs $1:$2:$3:$4"
done <"$TOPICS_FILE"
[ -n "$wanted" ] || fail "$TOPICS_FILE lists no topics"

# Wait for the brokers (the Job may start before Kafka is reachable).
deadline=$(($(date +%s) + WAIT_SECONDS))
until existing=$("$TOOL" --bootstrap-server "$KAFKA_BOOTSTRAP_SERVERS" --command-config "$CLIENT_CONFIG" --list </dev/null 2>/tmp/kafka-topics-list.err); do
  if [ "$(date +%s)" -ge "$deadline" ]; then
    cat /tmp/kafka-topics-list.err >&2
    fail "Kafka at $KAFKA_BOOTSTRAP_SERVERS not reachable within ${WAIT_SECONDS}s"
  fi
  echo "kafka-topics: waiting for Kafka at $KAFKA_BOOTSTRAP_SERVERS"
  sleep 5
done

CONFIGS=${KAFKA_CONFIGS_CMD:-$(dirname "$TOOL")/kafka-configs$(case "$TOOL" in *.sh) echo .sh ;; esac)}
created=0
present=0
for spec in $specs; do
  topic=${spec%%:*}
  rest=${spec#*:}
  partitions=${rest%%:*}
  rest=${rest#*:}
  retention=${rest%%:*}
  policy=${rest#*:}
  if printf '%s\n' "$existing" | grep -qxF -- "$topic"; then
    "$CONFIGS" --bootstrap-server "$KAFKA_BOOTSTRAP_SERVERS" --command-config "$CLIENT_CONFIG" --alter --entity-type topics \
      --entity-name "$topic" --add-config "retention.ms=$retention,cleanup.policy=$policy" </dev/null >/dev/null \
      || fail "setting retention.ms and cleanup.policy of $topic failed (set KAFKA_CONFIGS_CMD if $CONFIGS is not the tool)"
    present=$((present + 1))
    continue
  fi
  set -- --bootstrap-server "$KAFKA_BOOTSTRAP_SERVERS" --command-config "$CLIENT_CONFIG" --create --if-not-exists --topic "$topic" \
    --partitions "$partitions" --replication-factor "$REPLICATION_FACTOR" --config "retention.ms=$retention" \
    --config "cleanup.policy=$policy"
  if [ -n "$MIN_INSYNC_REPLICAS" ]; then
    set -- "$@" --config "min.insync.replicas=$MIN_INSYNC_REPLICAS"
  fi
  echo "kafka-topics: creating $topic ($partitions partitions, retention.ms=$retention, cleanup.policy=$policy)"
  "$TOOL" "$@" </dev/null || fail "creating $topic failed"
  created=$((created + 1))
done

# Check that every listed topic now exists.
existing=$("$TOOL" --bootstrap-server "$KAFKA_BOOTSTRAP_SERVERS" --command-config "$CLIENT_CONFIG" --list </dev/null) || fail "listing topics failed"
missing=""
for topic in $wanted; do
  printf '%s\n' "$existing" | grep -qxF -- "$topic" || missing="$missing $topic"
done
[ -z "$missing" ] || fail "still missing after creation:$missing"

echo "kafka-topics: $created created, $present already there (their retention and cleanup policy set to the list's)"

if [ "${CREATE_ACLS:-false}" = "true" ]; then
  ACLS=${KAFKA_ACLS_CMD:-$(dirname "$TOOL")/kafka-acls$(case "$TOOL" in *.sh) echo .sh ;; esac)}
  [ -x "$ACLS" ] || command -v "$ACLS" >/dev/null 2>&1 || fail "no kafka-acls tool at $ACLS; set KAFKA_ACLS_CMD"
  grant() { # grant <service> <operation...> -- <resource options...>
    svc=$1
    shift
    "$ACLS" --bootstrap-server "$KAFKA_BOOTSTRAP_SERVERS" --command-config "$CLIENT_CONFIG" --add \
      --allow-principal "User:$svc-service" "$@" </dev/null >/dev/null || fail "ACLs for $svc-service failed"
  }
  granted=0
  for topic in $wanted; do
    case "$topic" in
      minqing.*.*.dlt.*)
        consumer=${topic##*.dlt.}
        source=${topic%.dlt.*}
        grant "$consumer" --operation Write --operation Describe --topic "$topic"
        grant "$consumer" --operation Read --operation Describe --topic "$source"
        grant "$consumer" --operation Read --group "$consumer-service" --resource-pattern-type prefixed
        granted=$((granted + 3))
        ;;
      minqing.*.*)
        rest=${topic#minqing.}
        producer=${rest%%.*}
        grant "$producer" --operation Write --operation Describe --topic "$topic"
        granted=$((granted + 1))
        ;;
    esac
  done
  echo "kafka-topics: $granted ACL grants applied (each service writes its own topics, reads what it consumes)"
fi
