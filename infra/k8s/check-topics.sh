#!/bin/sh
# Fails (exit 1, with a diff) when infra/k8s/base/topics.tsv, the list the kafka-topics Job creates,
# differs from event-contracts/src/main/resources/topics.tsv, the list the code and tests use.
# Kustomize reads files only from inside the kustomization folder, hence the copy.
# Fix a difference with: cp event-contracts/src/main/resources/topics.tsv infra/k8s/base/topics.tsv
set -eu
root=$(cd "$(dirname "$0")/../.." && pwd)
contracts="$root/event-contracts/src/main/resources/topics.tsv"
k8s="$root/infra/k8s/base/topics.tsv"
for f in "$contracts" "$k8s"; do
  [ -f "$f" ] || { echo "check-topics: missing $f" >&2; exit 1; }
done
if ! diff -u "$contracts" "$k8s"; then
  echo "check-topics: infra/k8s/base/topics.tsv differs from event-contracts/src/main/resources/topics.tsv" >&2
  echo "check-topics: fix: cp event-contracts/src/main/resources/topics.tsv infra/k8s/base/topics.tsv" >&2
  exit 1
fi
echo "check-topics: infra/k8s/base/topics.tsv matches event-contracts ($(grep -cv '^\(#\|$\)' "$k8s") topics)"
