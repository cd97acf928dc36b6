#!/usr/bin/env bash
# notes-service benchmark: writes, signs and reads back member entries (10,000 by default)
# through the service layer, once with encryption and auditing and once with both switched
# off by the benchmark-only switch, and prints ops/s, p50/p99 per operation and the ratio.
#   scripts/bench-notes.sh                      # 1,000 notes x 10 members
#   BENCH_NOTES=200 scripts/bench-notes.sh      # a quicker run
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/java-home.sh
# MAVEN_OFFLINE=-o skips the repository check when everything is cached
OFFLINE=${MAVEN_OFFLINE:-}
./mvnw -B $OFFLINE -q install -DskipTests -pl events >/dev/null
./mvnw -B $OFFLINE -q test -pl notes-service -Dtest=NotesBenchmark -Dsurefire.failIfNoSpecifiedTests=false \
  -Dspring-javaformat.skip=true \
  -DargLine="-Dbench.notes=${BENCH_NOTES:-1000} -Dbench.members=${BENCH_MEMBERS:-10} -Dbench.warmup=${BENCH_WARMUP:-100}" \
  >notes-service/target/bench-notes.log 2>&1 || { tail -50 notes-service/target/bench-notes.log; exit 1; }
cat notes-service/target/bench-notes.txt
