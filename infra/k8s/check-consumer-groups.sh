#!/bin/sh
# Fails (exit 1) when an incoming Kafka channel of a service has no consumer-group override in
# overlays/subdistrict-example. Each service sets mp.messaging.incoming.<channel>.group.id=<service>
# in its application.properties; a second deployment on the same topics (a tier running its own
# piece) must use other group ids, or its consumers would share the partitions of the district's
# and each deployment would see only part of the events. Channels are read from the
# `mp.messaging.incoming.<channel>.connector|topic=` lines (profile-prefixed lines are ignored).
set -eu
root=$(cd "$(dirname "$0")/../.." && pwd)
overlay="$root/infra/k8s/overlays/subdistrict-example/kustomization.yaml"
[ -f "$overlay" ] || { echo "check-consumer-groups: missing $overlay" >&2; exit 1; }

# "<configmap> <KEY>" for every literal of every configMapGenerator entry of the overlay.
literals=$(awk '
  /^configMapGenerator:/ { in_gen = 1; next }
  /^[^ #]/ { in_gen = 0 }
  in_gen && /^  - name:/ { name = $3; next }
  in_gen && /^      - [A-Za-z_][A-Za-z0-9_]*=/ { sub(/^      - /, ""); sub(/=.*/, ""); print name, $0 }
' "$overlay")

missing=0
checked=0
for svc in intake representative referral notification; do
  props="$root/$svc-service/src/main/resources/application.properties"
  [ -f "$props" ] || continue
  channels=$(sed -n -e 's/^mp\.messaging\.incoming\.\([^.=]*\)\.connector=.*/\1/p' \
    -e 's/^mp\.messaging\.incoming\.\([^.=]*\)\.topic=.*/\1/p' "$props" | sort -u)
  for ch in $channels; do
    key="MP_MESSAGING_INCOMING_$(printf '%s' "$ch" | tr '[:lower:]' '[:upper:]' | tr -c '[:upper:][:digit:]' '_')_GROUP_ID"
    checked=$((checked + 1))
    if ! printf '%s\n' "$literals" | grep -qxF "$svc-service-config $key"; then
      echo "check-consumer-groups: $svc-service channel '$ch' has no $key in $svc-service-config of overlays/subdistrict-example" >&2
      missing=$((missing + 1))
    fi
  done
done
if [ "$missing" -gt 0 ]; then
  exit 1
fi
echo "check-consumer-groups: all $checked incoming channels have a group id override in overlays/subdistrict-example"
