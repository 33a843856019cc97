#!/usr/bin/env bash
# Images/s of model 2 at a given size: (a) one process (whole batches on 2 threads; and one photo at a time on
# 1 thread, a Spark task's work), (b) Spark local[2] (1 executor x 2 task threads), (c) Spark
# local-cluster[2,1,2048] (2 executor JVMs x 1 core); for Spark also the bytes moved per step (broadcast and
# treeAggregate sizes) and Spark's per-step overhead (step time minus the compute on the busiest partition).
# The figures feed docs/spark-scaling.md. Timing on a busy machine is meaningless: run it on a quiet one.
#
#   spark/scripts/throughput.sh --size 512 --photos 24 --batch 6 --epochs 2      # all three modes
#   spark/scripts/throughput.sh --size 32 --photos 4 --batch 2 --epochs 1 --modes single   # does it start?
#
# Options (defaults): --size 256, --photos 12 (synthetic, generated into a temp folder), --batch 4 (global),
# --epochs 2 (measured, after one warm-up epoch), --modes single,local,cluster. Environment: JAVA (java to
# use), MVN (maven command), HANZINET_XMX (heap, default 4g). Needs the spark module's test classes: the
# script compiles them (mvn test-compile) and lists the test classpath once into spark/target/.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cp_file="$root/spark/target/throughput-classpath.txt"
mvn_cmd="${MVN:-mvn}"
java_bin="${JAVA:-java}"

# Test classes and the classpath in one Maven session: the sibling modules resolve from the reactor then.
(cd "$root" && "$mvn_cmd" -B -q -Dstyle.color=never -pl spark -am test-compile \
    org.apache.maven.plugins:maven-dependency-plugin:3.8.1:build-classpath -Dmdep.includeScope=test \
    -Dmdep.outputFile=target/throughput-classpath.txt) >&2

# Spark's JVM options: the parent pom's spark.jvm.options (the list the tests use).
spark_opts="$(sed -n '/<spark.jvm.options>/,/<\/spark.jvm.options>/p' "$root/pom.xml" | sed 's/<[^>]*>//g' | xargs)"
# local-cluster's workers build the executor command from $SPARK_HOME/jars and $SPARK_SCALA_VERSION (else they
# look for a Spark build tree: "Cannot find any build directories"); an empty jars folder and the test classpath
# (passed by Throughput as spark.executor.extraClassPath) stand in for a Spark installation.
export SPARK_HOME="$root/spark/target/throughput-spark-home" SPARK_SCALA_VERSION=2.13
mkdir -p "$SPARK_HOME/jars"

# shellcheck disable=SC2086
exec "$java_bin" --add-modules jdk.incubator.vector -Xmx"${HANZINET_XMX:-4g}" $spark_opts \
  -Dhanzinet.executor.options="--add-modules=jdk.incubator.vector $spark_opts" \
  -Djava.awt.headless=true \
  -cp "$root/spark/target/test-classes:$root/spark/target/classes:$(<"$cp_file")" \
  org.hanzinet.spark.Throughput "$@"
