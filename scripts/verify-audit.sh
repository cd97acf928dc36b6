#!/usr/bin/env bash
# Offline verification of notes-service's audit trail by an outside auditor: reads an export
# of the audit_log collection and the checkpoint topic, with only the public verification key.
#   scripts/verify-audit.sh --export audit_log.json --public-key audit-public.json --kafka host:9092
#   scripts/verify-audit.sh --export audit_log.json --public-key audit-public.json --checkpoints checkpoints.json
# Exit 0: the trail holds; 1: it does not (the first failing entry is printed); 2: usage or input error.
# Uses notes-service's jar (./run build, or ./mvnw -pl notes-service -am package -DskipTests).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
source "$root/scripts/java-home.sh"
jar="$root/notes-service/target/notes-service.jar"
if [[ ! -f "$jar" ]]; then
  echo "missing $jar: build it first (./run build)" >&2
  exit 2
fi
exec "$JAVA_HOME/bin/java" -cp "$jar" -Dloader.main=org.therapygroups.notes.audit.OfflineVerifier \
  org.springframework.boot.loader.launch.PropertiesLauncher "$@"
