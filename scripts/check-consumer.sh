#!/usr/bin/env bash
# Installs every hanzinet artifact into the local Maven repository, then builds and runs the stand-alone
# project in docs/consumer, which depends on hanzinet-core through hanzinet-bom, as a user would.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
mvn -B -q -f "$root/pom.xml" install -DskipTests
mvn -B -q -f "$root/docs/consumer/pom.xml" compile exec:java
