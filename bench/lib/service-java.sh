# Sets SERVICE_JAVA: BENCH_JAVA, else the newest JDK 24 or later under /usr/lib/jvm, else java.
SERVICE_JAVA=${BENCH_JAVA:-}
if [ -z "$SERVICE_JAVA" ]; then
  for jdk in $(ls -d /usr/lib/jvm/*/ 2>/dev/null | sort -rV); do
    v=$("$jdk/bin/java" -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.specification.version/ {print $2}')
    [ -n "$v" ] && [ "${v%%.*}" -ge 24 ] 2>/dev/null && { SERVICE_JAVA=$jdk/bin/java; break; }
  done
fi
SERVICE_JAVA=${SERVICE_JAVA:-java}
