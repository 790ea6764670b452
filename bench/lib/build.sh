# Sourced by the benchmark scripts that start the packaged service: builds the jar and the test
# classes (bench/Token.java signs with the test keys) unless BUILD=0, and sets CP for those helpers.
if [ "${BUILD:-1}" = 1 ]; then
  ./mvnw -q -B package -DskipTests
  ./mvnw -q -B test-compile
  ./mvnw -q -B dependency:build-classpath -Dmdep.outputFile="$ROOT/target/bench-test-classpath" -Dmdep.includeScope=test >/dev/null
fi
CP="target/test-classes:target/classes:$(cat "$ROOT/target/bench-test-classpath")"
