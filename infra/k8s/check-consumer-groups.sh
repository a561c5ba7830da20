#!/bin/sh
# Issue 14: consumer groups per piece. Fails (exit 1) when
#   1. an incoming Kafka channel of a service does not set group.id=<service> (e.g. referral-service)
#      in its application.properties: the district's root piece consumes in these plain groups, every
#      other piece in <service>-<piece id> (derived by the kit's PieceConsumerGroups from
#      MINQING_PIECE_ID), and the Kafka group ACLs are prefixed on <service>, so they admit both;
#   2. an overlay overrides a group id (MP_MESSAGING_INCOMING_<CHANNEL>_GROUP_ID): a hand-written group
#      drifts from the piece id (a sub-district in the district's group would take half its partitions);
#   3. an overlay that uses an ownership table (components/ownership-*) does not name its piece and
#      scope (MINQING_PIECE_ID, MINQING_PIECE_SCOPE): its services would refuse to start.
# Channels are read from the `mp.messaging.incoming.<channel>.connector|topic=` lines (profile-prefixed
# lines are ignored).
set -eu
root=$(cd "$(dirname "$0")/../.." && pwd)
overlays="$root/infra/k8s/overlays"

failed=0
checked=0
for svc in intake representative referral notification; do
  props="$root/$svc-service/src/main/resources/application.properties"
  [ -f "$props" ] || continue
  channels=$(sed -n -e 's/^mp\.messaging\.incoming\.\([^.=]*\)\.connector=.*/\1/p' \
    -e 's/^mp\.messaging\.incoming\.\([^.=]*\)\.topic=.*/\1/p' "$props" | sort -u)
  for ch in $channels; do
    checked=$((checked + 1))
    if ! grep -qxF "mp.messaging.incoming.$ch.group.id=$svc-service" "$props"; then
      echo "check-consumer-groups: $svc-service channel '$ch' must set mp.messaging.incoming.$ch.group.id=$svc-service" >&2
      failed=$((failed + 1))
    fi
  done
done

for k in "$overlays"/*/kustomization.yaml; do
  name=$(basename "$(dirname "$k")")
  if grep -nE '^[[:space:]]*-[[:space:]]*MP_MESSAGING_INCOMING_[A-Z0-9_]+_GROUP_ID=' "$k" >&2; then
    echo "check-consumer-groups: overlays/$name overrides a consumer group; groups follow from MINQING_PIECE_ID" >&2
    failed=$((failed + 1))
  fi
  if grep -qE '^[[:space:]]*-[[:space:]]*\.\./\.\./components/ownership-' "$k"; then
    for key in MINQING_PIECE_ID MINQING_PIECE_SCOPE; do
      if ! grep -qE "^[[:space:]]*-[[:space:]]*$key=[^[:space:]]+" "$k"; then
        echo "check-consumer-groups: overlays/$name uses an ownership table but sets no $key" >&2
        failed=$((failed + 1))
      fi
    done
  fi
done

if [ "$failed" -gt 0 ]; then
  exit 1
fi
echo "check-consumer-groups: all $checked incoming channels use their service's plain group; no overlay overrides one; every piece names its id and scope"
