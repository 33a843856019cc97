package org.hanzinet.examples.cli;

import java.util.Locale;
import picocli.CommandLine.Option;

/**
 * {@code train --spark MASTER}: train model 1 or 2 data-parallel through the spark module's trainer. Spark
 * is not inside hanzinet.jar (it is a provided dependency); {@link #requireSpark} says how to get it.
 * No Spark type appears here, so this class loads without Spark.
 */
public final class SparkOptions {
    /** A class every Spark 4 installation has: its presence is what {@code --spark} needs. */
    static final String SPARK_CLASS = "org.apache.spark.api.java.JavaSparkContext";

    @Option(names = "--spark", paramLabel = "MASTER", description = "Train on Spark: local[N], spark://host:port, yarn, "
            + "k8s://... (synchronous gradient summing by default: same batches and weights as one machine, up to "
            + "float rounding; dropout masks are drawn per photo). ./hanzinet adds Spark's jars (Maven fetches them once).")
    String master;

    @Option(names = "--spark-mode", defaultValue = "sync", paramLabel = "MODE", description = "With --spark: sync "
            + "(gradients summed every step) or average (each worker trains --average-every steps, then the weights "
            + "are averaged). Default: ${DEFAULT-VALUE}.")
    String mode;

    @Option(names = "--average-every", defaultValue = "1", paramLabel = "K", description = "With --spark-mode average: "
            + "local steps between two averages. Default: ${DEFAULT-VALUE}.")
    int averageEvery;

    public boolean enabled() {
        return master != null;
    }

    /** True for {@code average}; refuses anything but sync/average, and K without average. */
    public boolean averaging() {
        String m = mode.toLowerCase(Locale.ROOT);
        if (!m.equals("sync") && !m.equals("average")) {
            throw new IllegalArgumentException("--spark-mode must be sync or average, got '" + mode + "'");
        }
        if (averageEvery < 1 || (m.equals("sync") && averageEvery != 1)) {
            throw new IllegalArgumentException("--average-every must be >= 1, and applies to --spark-mode average only; got "
                    + averageEvery + " with --spark-mode " + mode);
        }
        return m.equals("average");
    }

    /** Fails with the fix when Spark's classes are not visible to {@code loader}. */
    public static void requireSpark(ClassLoader loader) {
        try {
            Class.forName(SPARK_CLASS, false, loader);
        } catch (ClassNotFoundException | LinkageError e) {
            throw new IllegalArgumentException("--spark needs Apache Spark 4.1 (spark-core_2.13) on the classpath, and "
                    + "hanzinet.jar leaves it out: start through ./hanzinet, which adds Spark's jars (fetched once by Maven "
                    + "into examples/target/spark-classpath.txt), or add them with java -cp");
        }
    }
}
