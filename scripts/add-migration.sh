#!/usr/bin/env bash
# Adds a migration with the same name to both providers' migration sets, so SQLite and
# PostgreSQL never drift apart. Usage: scripts/add-migration.sh AddSomething
set -euo pipefail
name=${1:?usage: scripts/add-migration.sh MigrationName}
cd "$(dirname "$0")/.."
dotnet tool restore >/dev/null
for ctx in Sqlite Postgres; do
  dotnet ef migrations add "$name" -p src/Marketplace.Data -s src/Marketplace.Data \
    --context "${ctx}MarketplaceDbContext" -o "Migrations/$ctx"
done
