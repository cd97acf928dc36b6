# Sourced by ./run, ./test and ./bench: picks a JDK 21 or newer and exports JAVA_HOME.
# Order: JAVA_HOME, then the java on PATH, then the newest under /usr/lib/jvm.

java_major() {
  "$1/bin/java" -XshowSettings:properties -version 2>&1 \
    | awk -F'= ' '/java.specification.version/ { split($2, v, "."); print (v[1] == "1" ? v[2] : v[1]) }'
}

pick_jdk() {
  local candidates=()
  [ -n "${JAVA_HOME:-}" ] && candidates+=("$JAVA_HOME")
  if command -v java >/dev/null 2>&1; then
    candidates+=("$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")")
  fi
  local jvms="${THERAPY_JVM_DIR:-/usr/lib/jvm}"
  if [ -d "$jvms" ]; then
    while IFS= read -r dir; do candidates+=("$dir"); done < <(ls -d "$jvms"/*/ 2>/dev/null | sed 's:/$::' | sort -rV)
  fi
  local dir major
  for dir in "${candidates[@]}"; do
    [ -x "$dir/bin/java" ] && [ -x "$dir/bin/javac" ] || continue
    major=$(java_major "$dir")
    if [ -n "$major" ] && [ "$major" -ge 21 ]; then
      export JAVA_HOME="$dir"
      export PATH="$JAVA_HOME/bin:$PATH"
      return 0
    fi
  done
  echo "✗ No JDK 21 or newer found (looked at JAVA_HOME, the java on PATH and /usr/lib/jvm)." >&2
  echo "  Install one (for example Temurin 21 or 25) or point JAVA_HOME at it." >&2
  exit 1
}

pick_jdk
