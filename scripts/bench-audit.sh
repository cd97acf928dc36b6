#!/usr/bin/env bash
# Audit trail benchmark: builds a trail of 1,000,000 entries with a signed checkpoint every
# 1,000 on a real Kafka broker, then times the full verification, the verification since the
# newest checkpoint and the offline verifier on an export.
#   scripts/bench-audit.sh                          # 1,000,000 entries
#   BENCH_AUDIT_ENTRIES=100000 scripts/bench-audit.sh
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/java-home.sh
# MAVEN_OFFLINE=-o skips the repository check when everything is cached
OFFLINE=${MAVEN_OFFLINE:-}
mkdir -p notes-service/target
./mvnw -B $OFFLINE -q test -pl notes-service -am -Dtest=AuditBenchmark \
  -Dsurefire.failIfNoSpecifiedTests=false -Dspring-javaformat.skip=true \
  -DargLine="-Xmx4g -Dbench.audit.entries=${BENCH_AUDIT_ENTRIES:-1000000}" \
  >notes-service/target/bench-audit.log 2>&1 || { tail -50 notes-service/target/bench-audit.log; exit 1; }
cat notes-service/target/bench-audit.txt
