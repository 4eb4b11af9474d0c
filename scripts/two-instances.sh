#!/usr/bin/env bash
# Scripted check of the scale-out setup, as an operator would run it: a throwaway PostgreSQL, two app
# instances on ports 5081 and 5082, sign in on the first, post an opening through the second with the
# same cookie, and see it listed on the first. Exits non-zero if any step fails.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/throwaway-postgres.sh

pids=()
work=$(mktemp -d /tmp/mp-two.XXXXXX)
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; stop_postgres; rm -rf "$work"; }
trap cleanup EXIT

start_postgres
createdb_sql="CREATE DATABASE marketplace"
"$pgbin/psql" "host=127.0.0.1 port=$(echo "$MARKETPLACE_TEST_POSTGRES" | sed 's/.*Port=\([0-9]*\).*/\1/') user=postgres dbname=postgres" -qc "$createdb_sql"
cs="${MARKETPLACE_TEST_POSTGRES/Database=postgres/Database=marketplace}"

dotnet build src/Marketplace.Web -c Release -v quiet -nologo >/dev/null
bin=src/Marketplace.Web/bin/Release/net10.0
for port in 5081 5082; do
  (cd "$bin" && Database__Provider=Postgres ConnectionStrings__Marketplace="$cs" Urls="http://127.0.0.1:$port" \
     Smtp__PickupDirectory="$work/mail" ASPNETCORE_ENVIRONMENT=Demo Seed__Demo=true \
     dotnet Marketplace.Web.dll >"$work/instance-$port.log" 2>&1) &
  pids+=($!)
  for _ in $(seq 1 60); do
    curl -sf "http://127.0.0.1:$port/health" >/dev/null && break
    sleep 1
  done
  curl -sf "http://127.0.0.1:$port/health" >/dev/null || { echo "instance on $port did not start"; cat "$work/instance-$port.log"; exit 1; }
  echo "instance up on http://127.0.0.1:$port"
done

jar="$work/cookies"
token() { curl -s -b "$jar" -c "$jar" "$1" | grep -o 'name="__RequestVerificationToken" type="hidden" value="[^"]*"' | head -1 | sed 's/.*value="//; s/"$//'; }

t=$(token http://127.0.0.1:5081/account/login)
code=$(curl -s -o /dev/null -w '%{http_code}' -b "$jar" -c "$jar" http://127.0.0.1:5081/account/login \
  --data-urlencode "__RequestVerificationToken=$t" --data-urlencode "Input.Email=ozu@demo.cio-marketplace.jp" --data-urlencode "Input.Password=demo-pass-2026")
[ "$code" = 302 ] || { echo "sign-in on 5081 failed ($code)"; exit 1; }
echo "signed in on 5081"

t=$(token http://127.0.0.1:5081/manage/openings/new)
title="二つ目のインスタンス経由 $RANDOM"
deadline=$(date -d "+30 days" +%F)
code=$(curl -s -o /dev/null -w '%{http_code}' -b "$jar" -c "$jar" http://127.0.0.1:5082/manage/openings/new \
  --data-urlencode "__RequestVerificationToken=$t" --data-urlencode "Input.Title=$title" \
  --data-urlencode "Input.RoleCode=cio_advisor" --data-urlencode "Input.EngagementCode=part_time_appointee" \
  --data-urlencode "Input.Description=二つのインスタンスの確認" --data-urlencode "Input.Positions=1" \
  --data-urlencode "Input.FirstTermMonths=6" --data-urlencode "Input.RenewalRule=Unlimited" \
  --data-urlencode "Input.PayAmount=２７３，８００" --data-urlencode "Input.PayUnit=Month" \
  --data-urlencode "Input.DaysPerWeek=2" --data-urlencode "Input.OnsiteDays=1" --data-urlencode "Input.OnsitePeriod=Month" \
  --data-urlencode "Input.RemoteAllowed=true" --data-urlencode "Input.ApplicationDeadline=$deadline")
[ "$code" = 302 ] || { echo "posting through 5082 with the 5081 cookie failed ($code)"; exit 1; }
echo "posted an opening through 5082 with the cookie and token issued by 5081"

curl -s -b "$jar" http://127.0.0.1:5081/manage/openings | grep -q "$title" || { echo "the opening is not listed on 5081"; exit 1; }
echo "the opening is listed on 5081: OK"
