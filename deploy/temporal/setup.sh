#!/bin/sh
# One-off step of docker-compose.yml (service temporal-setup, image temporalio/admin-tools): once the
# Temporal frontend serves, creates TEMPORAL_NAMESPACE if it is missing, waits until the namespace
# is served, registers the project's search attributes in it and checks they are there. Every step
# either succeeds or stops the step with a message, so the API and the worker (which wait for this
# service to complete successfully) never start against a half-registered namespace.
# Safe to run again: an existing namespace is kept, an existing search attribute of the same type
# is left alone (one of another type fails loudly).
set -eu
: "${TEMPORAL_ADDRESS:?TEMPORAL_ADDRESS is required (host:port of the Temporal frontend)}"
: "${TEMPORAL_NAMESPACE:?TEMPORAL_NAMESPACE is required}"
RETENTION="${TEMPORAL_NAMESPACE_RETENTION:-720h}"
# tries, 2 s apart, for the frontend to serve (5 minutes) and for a new namespace to be served
TRIES="${SETUP_WAIT_TRIES:-150}"

# Name:Type, exactly as libs/contracts/src/search-attributes.ts defines them (test/compose.spec.ts checks).
SEARCH_ATTRIBUTES="ProcessKind:Keyword ResponsibleUnit:Keyword CampaignId:Keyword EscalationLevel:Int DeadlineAt:Datetime"

say() { echo "temporal-setup: $*"; }
fail() {
  echo "temporal-setup: $*" >&2
  exit 1
}

# wait_until <what> <tries> <command…>: runs the command every 2 s until it succeeds.
wait_until() {
  what=$1
  tries=$2
  shift 2
  i=1
  until "$@" >/dev/null 2>&1; do
    [ "$i" -lt "$tries" ] || fail "gave up waiting for $what after $tries tries ($((tries * 2)) s)"
    i=$((i + 1))
    sleep 2
  done
}

serving() { temporal operator cluster health 2>/dev/null | grep -q SERVING; }

say "waiting for the Temporal frontend at $TEMPORAL_ADDRESS"
wait_until "the Temporal frontend at $TEMPORAL_ADDRESS" "$TRIES" serving

if described=$(temporal operator namespace describe --namespace "$TEMPORAL_NAMESPACE" 2>&1); then
  say "namespace $TEMPORAL_NAMESPACE exists"
elif echo "$described" | grep -qi "not found"; then
  say "creating namespace $TEMPORAL_NAMESPACE (retention $RETENTION)"
  temporal operator namespace create --namespace "$TEMPORAL_NAMESPACE" --retention "$RETENTION" \
    --description "campaign-engine"
else
  fail "cannot describe namespace $TEMPORAL_NAMESPACE: $described"
fi

# A new namespace reaches every frontend's cache within seconds; until then it is "not found".
say "waiting until namespace $TEMPORAL_NAMESPACE is served"
wait_until "namespace $TEMPORAL_NAMESPACE" "$TRIES" temporal operator search-attribute list --namespace "$TEMPORAL_NAMESPACE"

set --
for attribute in $SEARCH_ATTRIBUTES; do
  set -- "$@" --name "${attribute%%:*}" --type "${attribute##*:}"
done
say "registering search attributes: $SEARCH_ATTRIBUTES"
temporal operator search-attribute create --namespace "$TEMPORAL_NAMESPACE" "$@"

registered=$(temporal operator search-attribute list --namespace "$TEMPORAL_NAMESPACE")
for attribute in $SEARCH_ATTRIBUTES; do
  echo "$registered" | grep -qw "${attribute%%:*}" || fail "search attribute ${attribute%%:*} is not registered in $TEMPORAL_NAMESPACE"
done
say "namespace $TEMPORAL_NAMESPACE is ready"
