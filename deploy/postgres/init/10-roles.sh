#!/bin/sh
# Postgres image init step (/docker-entrypoint-initdb.d, first start on an empty volume only):
# creates the schema owner, the application role and its login, Temporal's login and the database
# (roles.psql). The passwords stay in the environment of the postgres service (docker-compose.yml
# requires them); psql reads them with \getenv, so they appear on no command line and in no log.
set -eu
: "${CAMPAIGN_OWNER_PASSWORD:?CAMPAIGN_OWNER_PASSWORD is required}"
: "${CAMPAIGN_APP_PASSWORD:?CAMPAIGN_APP_PASSWORD is required}"
: "${TEMPORAL_DB_PASSWORD:?TEMPORAL_DB_PASSWORD is required}"

psql --no-psqlrc --username "$POSTGRES_USER" --dbname postgres \
  --set owner_role=campaign_owner \
  --set app_login=campaign_api \
  --set temporal_role=temporal_server \
  --set database=campaign_engine \
  --file /docker-entrypoint-initdb.d/roles.psql
