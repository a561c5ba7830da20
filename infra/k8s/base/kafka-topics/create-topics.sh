#!/bin/sh
# Creates the Kafka topics listed in topics.tsv with `kafka-topics.sh --create --if-not-exists`.
#
# topics.tsv: topic<TAB>partitions<TAB>retention.ms, one per line; blank lines and '#' comments
# are skipped, anything else malformed stops the script. Topics that already exist are left as they
# are: a changed partition count or retention in topics.tsv is NOT applied to them (use
# kafka-topics.sh --alter / kafka-configs.sh --alter by hand).
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
  [ "$#" -eq 3 ] || fail "$TOPICS_FILE line $line_no: expected topic<TAB>partitions<TAB>retention.ms, got: $line"
  case "$1" in '' | *[!A-Za-z0-9._-]*) fail "$TOPICS_FILE line $line_no: not a valid topic name: $1" ;; esac
  case "$2" in '' | *[!0-9]*) fail "$TOPICS_FILE line $line_no: partitions is not a number: $2" ;; esac
  case "$3" in '' | *[!0-9-]*) fail "$TOPICS_FILE line $line_no: retention.ms is not a number: $3" ;; esac
  wanted="$wanted $1"
  specs="$specs $1:$2:$3"
done <"$TOPICS_FILE"
[ -n "$wanted" ] || fail "$TOPICS_FILE lists no topics"

# Wait for the brokers (the Job may start before Kafka is reachable).
deadline=$(($(date +%s) + WAIT_SECONDS))
until existing=$("$TOOL" --bootstrap-server "$KAFKA_BOOTSTRAP_SERVERS" --list </dev/null 2>/tmp/kafka-topics-list.err); do
  if [ "$(date +%s)" -ge "$deadline" ]; then
    cat /tmp/kafka-topics-list.err >&2
    fail "Kafka at $KAFKA_BOOTSTRAP_SERVERS not reachable within ${WAIT_SECONDS}s"
  fi
  echo "kafka-topics: waiting for Kafka at $KAFKA_BOOTSTRAP_SERVERS"
  sleep 5
done

created=0
present=0
for spec in $specs; do
  topic=${spec%%:*}
  rest=${spec#*:}
  partitions=${rest%%:*}
  retention=${rest#*:}
  if printf '%s\n' "$existing" | grep -qxF -- "$topic"; then
    present=$((present + 1))
    continue
  fi
  set -- --bootstrap-server "$KAFKA_BOOTSTRAP_SERVERS" --create --if-not-exists --topic "$topic" \
    --partitions "$partitions" --replication-factor "$REPLICATION_FACTOR" --config "retention.ms=$retention"
  if [ -n "$MIN_INSYNC_REPLICAS" ]; then
    set -- "$@" --config "min.insync.replicas=$MIN_INSYNC_REPLICAS"
  fi
  echo "kafka-topics: creating $topic ($partitions partitions, retention.ms=$retention)"
  "$TOOL" "$@" </dev/null || fail "creating $topic failed"
  created=$((created + 1))
done

# Check that every listed topic now exists.
existing=$("$TOOL" --bootstrap-server "$KAFKA_BOOTSTRAP_SERVERS" --list </dev/null) || fail "listing topics failed"
missing=""
for topic in $wanted; do
  printf '%s\n' "$existing" | grep -qxF -- "$topic" || missing="$missing $topic"
done
[ -z "$missing" ] || fail "still missing after creation:$missing"

echo "kafka-topics: $created created, $present already there"
