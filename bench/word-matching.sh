#!/usr/bin/env bash
# Word-list matching cost per comment with 5,000 terms (target: under 1 ms per comment).
set -euo pipefail
cd "$(dirname "$0")/.."
nproc | xargs printf 'cores: %s\n'
java -version 2>&1 | head -1
./mvnw -q -B test-compile exec:java@word-bench
